<#-- Ежедневная сводка для руководителей, простой текст. Суммы печатаются как деньги; счётчики через ?c; изменения со знаком. -->
<#assign subject>Сводка Dunning за ${day}: реальный долг ${picture.realDebt}</#assign>
<#macro signed n><#if n gt 0>+</#if>${n}</#macro>
<#macro signedCount n><#if n gt 0>+</#if>${n?c}</#macro>
<#assign stageNames = {"grace": "льготный период", "reminder": "напоминание", "call": "звонок", "pretrial": "претензия",
  "legal": "суд", "restriction": "ограничение"}>
<#assign bucketNames = {"not_due": "срок не наступил", "overdue_1_30": "1-30 дней", "overdue_31_60": "31-60 дней",
  "overdue_61_90": "61-90 дней", "overdue_91_180": "91-180 дней", "overdue_over_180": "более 180 дней"}>
Ежедневная сводка Dunning за ${day}

<#if pictureDay??>
Задолженность на оценку ${pictureDay}<#if previousDay??> (изменение с ${previousDay})</#if>:
  Реальный долг:       ${picture.realDebt} (<@signed picture.realDebtChange/>)
  Условный долг:       ${picture.conditionalDebt} (<@signed picture.conditionalDebtChange/>)
  Должников:           ${picture.debtors?c} (<@signedCount picture.debtorsChange/>)

По сроку просрочки:
<#list picture.buckets as bucket>
  ${bucketNames[bucket.name]!bucket.name}: ${bucket.amount} (<@signed bucket.change/>)
</#list>

По группам:
<#list groups as group>
  ${group.name}: реальный долг ${group.realDebt} (<@signed group.realDebtChange/>), условный ${group.conditionalDebt} (<@signed group.conditionalDebtChange/>), должников ${group.debtors?c} (<@signedCount group.debtorsChange/>)
<#else>
  задолженности нет
</#list>
<#else>
Оценка ещё не проводилась: картины задолженности нет.
</#if>

Деньги за ${yesterday}:
  Собрано: ${collections.collectedYesterday} из ${collections.chargedYesterday} начисленных
  С начала месяца: ${collections.collectedInMonth} из ${collections.chargedInMonth} начисленных<#if collections.monthRate??> (собираемость ${collections.monthRate}%)</#if>

Дела: открыто ${cases.openedYesterday?c}, урегулировано ${cases.settledYesterday?c} за ${yesterday}; в работе ${cases.inWork?c}
<#list stages as stage>
  ${stageNames[stage.stage]!stage.stage}: ${stage.cases?c}
</#list>

Обещания оплатить со сроком ${yesterday}: ${promises.due?c} (выполнено ${promises.kept?c}, нарушено ${promises.broken?c})

Уведомления за ${yesterday}:
<#list notices as line>
  ${line.channel}: отправлено ${line.sent?c}, не доставлено ${line.failed?c}
<#else>
  нет
</#list>

Сбойных заданий ждут администратора: ${failedJobs?c}
Открытых задач взыскателей: ${collectorTasks.open?c} (не взято ${collectorTasks.unclaimed?c})

Панель: ${dashboardUrl}
