<#assign subject>Payment reminder from ${companyName}</#assign>
Dear ${customerName},

This is a friendly reminder that as of ${today} your account shows an outstanding amount of ${conditionalDebt} ${currency}<#if oldestDueOn??>; the oldest unpaid invoice was due on ${oldestDueOn}</#if>.

Please pay it at your earliest convenience. If you have already paid, thank you, and please disregard this message.

If you have any questions about your invoices, please contact us.
<#if paymentLink??>

Pay online: ${paymentLink}
<#if (payment.purpose)??>Payment purpose: ${payment.purpose}
</#if></#if>
<#if (links.confirm)??>

Let us know when you will pay, without calling us:
- I will pay by a date: ${links.confirm}
- I need more time: ${links.postpone}
- I do not agree with the amount: ${links.dispute}
</#if>

Kind regards,
${companyName}
<#if (links.unsubscribe)??>

To receive no more messages of this kind: ${links.unsubscribe}
</#if>
