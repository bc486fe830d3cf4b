${companyName}: second reminder, ${conditionalDebt} ${currency} is still overdue.<#if (links.confirm)??> When will you pay: ${links.confirm}</#if>
