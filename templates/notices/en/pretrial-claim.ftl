<#assign subject>Formal pre-trial claim for payment of debt from ${companyName}</#assign>
PRE-TRIAL CLAIM

Date: ${today}
To: ${customerName}
From: ${companyName}
<#if caseId??>
Case number: ${caseId}
</#if>

As of ${today} you owe ${companyName} the amount of ${conditionalDebt} ${currency}<#if oldestDueOn??>; the oldest unpaid invoice was due on ${oldestDueOn}</#if>. We have reminded you of this debt, but it has not been paid.

<#if invoices?? && invoices?has_content>
Unpaid invoices:
<#list invoices as invoice>
- invoice ${invoice.invoiceId}<#if invoice.contract??> under contract ${invoice.contract}</#if><#if invoice.service??> (${invoice.service})</#if>, due on ${invoice.dueOn}, ${invoice.open} ${currency} to pay<#if invoice.open != invoice.amount> of ${invoice.amount} ${currency}</#if>
</#list>

</#if>
We demand that you pay the debt, or send us a reasoned reply to this claim, within 30 (thirty) calendar days of receiving it.

If the debt is not paid and no reply is received within that time, we will have to take the matter to court to recover the debt, interest for late payment and legal costs. This will increase the amount you have to pay.

If you have already paid, please let us know and attach proof of payment.

Yours faithfully,
${companyName}
