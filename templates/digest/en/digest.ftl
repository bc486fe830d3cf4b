<#-- The managers' daily digest, plain text. Amounts print as money; counts with ?c; changes with a sign. -->
<#assign stageNames = {"grace": "grace period", "reminder": "reminder", "call": "call", "pretrial": "pre-trial claim",
  "legal": "legal", "restriction": "service restriction"}>
<#assign subject>Dunning digest for ${day}: real debt ${picture.realDebt}</#assign>
<#macro signed n><#if n gt 0>+</#if>${n}</#macro>
<#macro signedCount n><#if n gt 0>+</#if>${n?c}</#macro>
<#assign bucketNames = {"not_due": "not due", "overdue_1_30": "1-30 days", "overdue_31_60": "31-60 days",
  "overdue_61_90": "61-90 days", "overdue_91_180": "91-180 days", "overdue_over_180": "over 180 days"}>
Dunning daily digest for ${day}

<#if pictureDay??>
Debt at the evaluation of ${pictureDay}<#if previousDay??> (change since ${previousDay})</#if>:
  Real debt:         ${picture.realDebt} (<@signed picture.realDebtChange/>)
  Conditional debt:  ${picture.conditionalDebt} (<@signed picture.conditionalDebtChange/>)
  Customers in debt: ${picture.debtors?c} (<@signedCount picture.debtorsChange/>)

By age:
<#list picture.buckets as bucket>
  ${bucketNames[bucket.name]!bucket.name}: ${bucket.amount} (<@signed bucket.change/>)
</#list>

By group:
<#list groups as group>
  ${group.name}: real debt ${group.realDebt} (<@signed group.realDebtChange/>), conditional ${group.conditionalDebt} (<@signed group.conditionalDebtChange/>), ${group.debtors?c} in debt (<@signedCount group.debtorsChange/>)
<#else>
  no debt
</#list>
<#else>
No evaluation has run yet: there is no debt picture.
</#if>

Money on ${yesterday}:
  Collected: ${collections.collectedYesterday} of ${collections.chargedYesterday} charged
  In the month so far: ${collections.collectedInMonth} of ${collections.chargedInMonth} charged<#if collections.monthRate??> (collection rate ${collections.monthRate}%)</#if>

Cases: ${cases.openedYesterday?c} opened and ${cases.settledYesterday?c} settled on ${yesterday}; ${cases.inWork?c} in work
<#list stages as stage>
  ${stageNames[stage.stage]!stage.stage}: ${stage.cases?c}
</#list>

Promises due on ${yesterday}: ${promises.due?c} (${promises.kept?c} kept, ${promises.broken?c} broken)

Notices on ${yesterday}:
<#list notices as line>
  ${line.channel}: ${line.sent?c} sent, ${line.failed?c} failed
<#else>
  none
</#list>

Failed jobs waiting for an admin: ${failedJobs?c}
Open collector tasks: ${collectorTasks.open?c} (${collectorTasks.unclaimed?c} unclaimed)

Dashboard: ${dashboardUrl}
