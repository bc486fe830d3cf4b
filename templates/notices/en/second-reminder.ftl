<#assign subject>Second payment reminder from ${companyName}</#assign>
Dear ${customerName},

We reminded you of an outstanding amount recently but have not received your payment yet. As of ${today} the amount due is ${conditionalDebt} ${currency}<#if oldestDueOn??>; the oldest unpaid invoice was due on ${oldestDueOn}</#if>.
<#if promisedOn?? && promisedAmount??>

You promised to pay ${promisedAmount} ${currency} by ${promisedOn}. Please do not forget.
</#if>

Please pay within the next few days; otherwise one of our team will contact you. If paying the full amount at once is difficult, please get in touch and we will discuss an instalment plan.
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
