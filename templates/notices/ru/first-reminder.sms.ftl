${companyName}: долг ${conditionalDebt} ${currency}. Пожалуйста, оплатите.<#if (links.confirm)??> Когда оплатите: ${links.confirm}</#if>
