<#assign subject>Thank you for your payment from ${companyName}</#assign>
Dear ${customerName},

Thank you, we have received your payment. Your debt is paid in full, the case is closed, and you will receive no further reminders about it.
<#if nextDueOn??>

Your next payment<#if nextAmountDue??> of ${nextAmountDue} ${currency}</#if> is due on ${nextDueOn}.
</#if>

We look forward to continuing to work with you.

Kind regards,
${companyName}
