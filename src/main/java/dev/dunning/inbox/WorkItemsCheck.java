package dev.dunning.inbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Ledger;

/**
 * At start-up, makes the inbox hold exactly the engine's open tasks: tasks opened before the inbox had its own
 * table (an upgrade) are added, rows of tasks that are gone are removed. Normally there is nothing to do, and
 * finding that out is two anti-joins.
 */
@Component
@Order(1)
class WorkItemsCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WorkItemsCheck.class);
    private static final int BATCH = 200;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final WorkItems items;
    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final TransactionTemplate transaction;

    WorkItemsCheck(TaskService tasks, RuntimeService runtime, ManagementService management, WorkItems items,
            JdbcClient jdbc, Ledger ledger, TransactionTemplate transaction) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
        this.items = items;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        String taskTable = management.getTableName(Task.class);
        int removed = jdbc.sql("DELETE FROM work_item WHERE NOT EXISTS (SELECT 1 FROM " + taskTable
                + " t WHERE t.ID_ = work_item.task_id)").update();
        int added = 0;
        while (true) {
            List<Task> missing = tasks.createNativeTaskQuery()
                    .sql("SELECT RES.* FROM " + taskTable + " RES WHERE NOT EXISTS (SELECT 1 FROM work_item w"
                            + " WHERE w.task_id = RES.ID_ AND w.lane = '') ORDER BY RES.ID_")
                    .listPage(0, BATCH);
            if (missing.isEmpty()) {
                break;
            }
            transaction.executeWithoutResult(status -> missing.forEach(this::add));
            added += missing.size();
        }
        if (added > 0 || removed > 0) {
            log.info("Inbox brought in line with the engine: {} tasks added, {} rows of finished tasks removed",
                    added, removed);
        }
    }

    private java.time.Instant followUp(Task task) {
        return tasks.getVariableLocal(task.getId(), Inbox.FOLLOW_UP_AT) instanceof String at && !at.isEmpty() ? java.time.Instant.parse(at) : null;
    }

    private void add(Task task) {
        String customerId = null;
        String caseId = null;
        LocalDate promiseDue = null;
        if (task.getProcessInstanceId() != null) {
            Map<String, Object> variables = runtime.getVariables(task.getProcessInstanceId(),
                    List.of("customerId", "promisedOn"));
            customerId = variables.get("customerId") instanceof String id ? id : null;
            promiseDue = variables.get("promisedOn") instanceof LocalDate promised ? promised : null;
            ProcessInstance instance = runtime.createProcessInstanceQuery()
                    .processInstanceId(task.getProcessInstanceId()).singleResult();
            caseId = instance == null ? null : instance.getBusinessKey();
        } else {
            Map<String, Object> local = tasks.getVariablesLocal(task.getId(), List.of("customerId", "caseId"));
            customerId = local.get("customerId") instanceof String id ? id : null;
            caseId = local.get("caseId") instanceof String id ? id : null;
        }
        BigDecimal amount = BigDecimal.ZERO;
        LocalDate oldestDueOn = null;
        if (customerId != null) {
            DebtSummary debt = ledger.debtOf(customerId);
            amount = debt.conditionalDebt();
            oldestDueOn = debt.oldestDueOn();
        }
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId()).toList();
        items.add(new WorkItems.Item(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getFormKey(),
                task.getProcessInstanceId(), customerId, caseId, task.getAssignee(), task.getPriority(), amount,
                oldestDueOn, promiseDue, WorkItems.instant(task.getCreateTime()), WorkItems.instant(task.getDueDate()),
                followUp(task), task.isSuspended()), groups);
    }
}
