${companyName}: повторно напоминаем о долге ${conditionalDebt} ${currency}.<#if (links.confirm)??> Когда оплатите: ${links.confirm}</#if>
