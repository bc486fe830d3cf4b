<#assign subject>Напоминание об оплате — ${companyName}</#assign>
Здравствуйте, ${customerName}!

Напоминаем, что на ${today} за вами числится задолженность ${conditionalDebt} ${currency}<#if oldestDueOn??> (срок оплаты самого раннего неоплаченного счёта истёк ${oldestDueOn})</#if>.

Пожалуйста, оплатите её в ближайшее время. Если вы уже заплатили, спасибо, и просто не обращайте внимания на это сообщение.

Если у вас есть вопросы по счетам, свяжитесь с нами.
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
