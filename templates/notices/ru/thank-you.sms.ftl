${companyName}: спасибо, долг погашен.<#if nextDueOn??> Следующий платёж — ${nextDueOn}.</#if>
