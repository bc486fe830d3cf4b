<#assign when><#if daysLeft == 0>today<#elseif daysLeft == 1>tomorrow<#else>in ${daysLeft?c} days</#if></#assign>
<#assign subject>Payment due ${when}: a reminder from ${companyName}</#assign>
Dear ${customerName},

A friendly reminder: ${amountDue} ${currency} is due on ${dueOn}, ${when}.

If you have already paid, thank you, and please ignore this message.

Kind regards,
${companyName}
