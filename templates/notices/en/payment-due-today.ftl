<#assign subject>Payment due today: a reminder from ${companyName}</#assign>
Dear ${customerName},

Today, ${dueOn}, ${amountDue} ${currency} is due. If you have not paid yet, please pay today.

If you have already paid, thank you, and please ignore this message.

Kind regards,
${companyName}
