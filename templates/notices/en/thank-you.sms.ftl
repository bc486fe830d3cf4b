${companyName}: thank you, your debt is paid.<#if nextDueOn??> Next payment due on ${nextDueOn}.</#if>
