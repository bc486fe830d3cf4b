<#function days n><#if n % 10 == 1 && n % 100 != 11><#return "день"><#elseif n % 10 gte 2 && n % 10 lte 4 && (n % 100 lt 12 || n % 100 gt 14)><#return "дня"><#else><#return "дней"></#if></#function>
<#assign when><#if daysLeft == 0>сегодня<#elseif daysLeft == 1>завтра<#else>через ${daysLeft?c} ${days(daysLeft)}</#if></#assign>
<#assign subject>Срок оплаты ${when} — ${companyName}</#assign>
Здравствуйте, ${customerName}!

Напоминаем: ${when}, ${dueOn}, наступает срок оплаты ${amountDue} ${currency}.

Если вы уже оплатили, спасибо, и просто не обращайте внимания на это сообщение.

С уважением,
${companyName}
