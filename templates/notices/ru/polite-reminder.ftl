<#-- Напоминание бюджетной организации по плану «мигалка» (public-flasher), каждые 10 дней несколько раз. -->
<#assign subject>Напоминание об оплате — ${companyName}</#assign>
Уважаемые коллеги из ${customerName}!

Мы понимаем, что бюджетные платежи проходят по графику казначейства. На ${today} остаётся неоплаченной сумма ${conditionalDebt} ${currency}<#if oldestDueOn??> (срок оплаты самого раннего неоплаченного счёта истёк ${oldestDueOn})</#if>.
<#if invoices?? && invoices?has_content>

Неоплаченные счета:
<#list invoices as invoice>
- счёт ${invoice.invoiceId}<#if invoice.contract??> по договору ${invoice.contract}</#if>, срок оплаты ${invoice.dueOn}, ${invoice.open} ${currency}
</#list>
</#if>

Будем признательны, если вы включите её в ближайшую заявку на оплату или сообщите, когда её ожидать. Оказание услуг продолжается в обычном порядке.
<#if (links.confirm)??>

Сообщите дату оплаты, не звоня нам: ${links.confirm}
</#if>

С уважением,
${companyName}
