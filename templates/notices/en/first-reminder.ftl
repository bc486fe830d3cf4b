<#assign subject>Payment reminder from ${companyName}</#assign>
Dear ${customerName},

This is a friendly reminder that as of ${today} your account shows an outstanding amount of ${conditionalDebt} ${currency}<#if oldestDueOn??>; the oldest unpaid invoice was due on ${oldestDueOn}</#if>.

Please pay it at your earliest convenience. If you have already paid, thank you, and please disregard this message.

If you have any questions about your invoices, please contact us.

Kind regards,
${companyName}
