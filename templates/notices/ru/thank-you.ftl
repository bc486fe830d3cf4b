<#assign subject>Спасибо за оплату — ${companyName}</#assign>
Здравствуйте, ${customerName}!

Спасибо, мы получили вашу оплату. Задолженность погашена, дело закрыто, и напоминаний по нему больше не будет.
<#if nextDueOn??>

Срок следующего платежа<#if nextAmountDue??> на сумму ${nextAmountDue} ${currency}</#if>: ${nextDueOn}
</#if>

Будем рады и дальше работать с вами.

С уважением,
${companyName}
