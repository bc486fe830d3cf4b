<#assign subject>Payment reminder call</#assign>
Hello. This is an automated call from ${companyName}. Your account shows an overdue amount of ${conditionalDebt} ${currency}. Please pay it soon. If you will pay within a week, press 1. To speak to a person, press 2. Thank you.
