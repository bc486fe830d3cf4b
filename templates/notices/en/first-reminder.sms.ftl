${companyName}: ${conditionalDebt} ${currency} is overdue. Please pay.<#if (links.confirm)??> When will you pay: ${links.confirm}</#if>
