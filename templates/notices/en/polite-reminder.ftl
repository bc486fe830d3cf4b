<#-- The "flasher" plan's reminder to a public body (public-flasher), sent every 10 days a few times. -->
<#assign subject>Payment reminder from ${companyName}</#assign>
Dear colleagues at ${customerName},

We understand that payments from a budget follow your treasury's schedule. As of ${today} the amount of ${conditionalDebt} ${currency} is still open<#if oldestDueOn??>; the oldest unpaid invoice was due on ${oldestDueOn}</#if>.
<#if invoices?? && invoices?has_content>

Open invoices:
<#list invoices as invoice>
- invoice ${invoice.invoiceId}<#if invoice.contract??> under contract ${invoice.contract}</#if>, due on ${invoice.dueOn}, ${invoice.open} ${currency}
</#list>
</#if>

We would be grateful if you could include it in your next payment run, or tell us when to expect it. Our services to you continue as usual.
<#if (links.confirm)??>

Let us know the date, without calling us: ${links.confirm}
</#if>

Kind regards,
${companyName}
