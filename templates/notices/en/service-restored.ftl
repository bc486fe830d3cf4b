<#assign subject>Your service is restored — ${companyName}</#assign>
Dear ${customerName},

The restriction of your service has been lifted and the service is supplied as before. No action is needed on your part.
<#if realDebt gt 0>

${realDebt} ${currency} are still shown on your account; we will contact you about them separately.
</#if>

Kind regards,
${companyName}
