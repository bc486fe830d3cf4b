<#assign subject>Повторное напоминание об оплате — ${companyName}</#assign>
Здравствуйте, ${customerName}!

Мы уже напоминали вам о задолженности, но пока не получили оплату. На ${today} сумма к оплате составляет ${conditionalDebt} ${currency}<#if oldestDueOn??> (срок оплаты самого раннего неоплаченного счёта истёк ${oldestDueOn})</#if>.
<#if promisedOn?? && promisedAmount??>

Вы обещали оплатить до ${promisedOn} сумму ${promisedAmount} ${currency}. Пожалуйста, не забудьте.
</#if>

Просим оплатить задолженность в ближайшие дни, иначе с вами свяжется наш специалист. Если оплатить всю сумму сразу трудно, свяжитесь с нами: мы обсудим рассрочку.
<#if paymentLink??>

Оплатить онлайн: ${paymentLink}
<#if (payment.purpose)??>Назначение платежа: ${payment.purpose}
</#if></#if>
<#if (links.confirm)??>

Сообщите нам, когда оплатите, не звоня нам:
- оплачу к дате: ${links.confirm}
- нужна отсрочка: ${links.postpone}
- не согласен с суммой: ${links.dispute}
</#if>

С уважением,
${companyName}
<#if (links.unsubscribe)??>

Чтобы больше не получать такие сообщения: ${links.unsubscribe}
</#if>
