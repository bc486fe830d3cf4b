<#-- The written notice before a utility service is restricted (utilities-individual). Issue 8 adds the automatic
     restriction and restoration; until then a manager restricts the service in the billing system. -->
<#assign subject>Notice of restriction of the service for non-payment from ${companyName}</#assign>
NOTICE OF RESTRICTION OF THE SERVICE

Date: ${today}
To: ${customerName}
From: ${companyName}
<#if caseId??>
Case number: ${caseId}
</#if>

As of ${today} you owe ${companyName} the amount of ${conditionalDebt} ${currency}<#if oldestDueOn??>; the oldest unpaid invoice was due on ${oldestDueOn}</#if>. We have reminded you of this debt and sent you a pre-trial claim, but it has not been paid.

<#if invoices?? && invoices?has_content>
Unpaid invoices:
<#list invoices as invoice>
- invoice ${invoice.invoiceId}<#if invoice.contract??> under contract ${invoice.contract}</#if><#if invoice.service??> (${invoice.service})</#if>, due on ${invoice.dueOn}, ${invoice.open} ${currency} to pay
</#list>

</#if>
If the debt is not paid within 20 (twenty) calendar days of this notice, the service will be restricted, and then suspended, without further warning. Restoring it after payment may cost you a reconnection fee.

If you have already paid, please let us know and attach proof of payment. If paying in full is difficult, contact us about an instalment plan before the 20 days are over.
<#if paymentLink??>

Pay online: ${paymentLink}
<#if (payment.purpose)??>Payment purpose: ${payment.purpose}
</#if></#if>

Yours faithfully,
${companyName}
