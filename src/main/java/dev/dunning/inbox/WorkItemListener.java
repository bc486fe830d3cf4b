package dev.dunning.inbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.identitylink.api.IdentityLinkInfo;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.task.service.impl.persistence.entity.TaskEntity;
import org.flowable.variable.api.event.FlowableVariableEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.LedgerChanged;
import dev.dunning.upcoming.UpcomingPayments;

/**
 * Keeps {@code work_item} in step with the engine's tasks. It runs inside the engine's transaction, so a task and
 * its inbox row are created, claimed, suspended and removed together, on whichever node does it. Amounts follow
 * the ledger: after a change to a customer's money their open tasks get the new conditional debt.
 */
@Component
class WorkItemListener implements FlowableEventListener {

    private static final int CHUNK = 500;
    private static final Set<FlowableEngineEventType> HANDLED = Set.of(
            FlowableEngineEventType.TASK_CREATED, FlowableEngineEventType.TASK_ASSIGNED,
            FlowableEngineEventType.ENTITY_UPDATED, FlowableEngineEventType.ENTITY_DELETED,
            FlowableEngineEventType.ENTITY_CREATED, FlowableEngineEventType.ENTITY_SUSPENDED,
            FlowableEngineEventType.ENTITY_ACTIVATED, FlowableEngineEventType.VARIABLE_CREATED,
            FlowableEngineEventType.VARIABLE_UPDATED);

    private final WorkItems items;
    private final ObjectProvider<Ledger> ledger;

    WorkItemListener(WorkItems items, ObjectProvider<Ledger> ledger) {
        this.items = items;
        this.ledger = ledger;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (!(event.getType() instanceof FlowableEngineEventType type) || !HANDLED.contains(type)) {
            return;
        }
        if (event instanceof FlowableVariableEvent variable) {
            onTaskVariable(variable);
            return;
        }
        if (!(event instanceof FlowableEntityEvent entityEvent)) {
            return;
        }
        Object entity = entityEvent.getEntity();
        if (entity instanceof TaskEntity task) {
            onTask(type, task);
        } else if (entity instanceof IdentityLinkInfo link && link.getTaskId() != null && link.getGroupId() != null
                && IdentityLinkType.CANDIDATE.equals(link.getType())) {
            if (type == FlowableEngineEventType.ENTITY_CREATED) {
                items.addLane(link.getTaskId(), link.getGroupId());
            } else if (type == FlowableEngineEventType.ENTITY_DELETED) {
                items.removeLane(link.getTaskId(), link.getGroupId());
            }
        }
    }

    private void onTask(FlowableEngineEventType type, TaskEntity task) {
        switch (type) {
            // A plan's user task fires both; a task made with the task builder only ENTITY_CREATED.
            case ENTITY_CREATED, TASK_CREATED -> items.addOrRefresh(itemOf(task), candidateGroups(task));
            case TASK_ASSIGNED -> items.assign(task.getId(), task.getAssignee());
            case ENTITY_UPDATED -> items.update(task.getId(), task.getName(), task.getPriority(), task.getAssignee(),
                    WorkItems.instant(task.getDueDate()));
            case ENTITY_DELETED -> items.remove(task.getId());
            case ENTITY_SUSPENDED -> items.suspend(task.getId(), true);
            case ENTITY_ACTIVATED -> items.suspend(task.getId(), false);
            default -> {
            }
        }
    }

    /** A task made outside a plan gets its customer and case as local variables just after it was created. */
    private void onTaskVariable(FlowableVariableEvent variable) {
        if (variable.getTaskId() == null || !(variable.getVariableValue() instanceof String value)) {
            return;
        }
        if ("customerId".equals(variable.getVariableName())) {
            DebtSummary debt = ledger.getObject().debtOf(value);
            items.nameCustomer(variable.getTaskId(), value, debt.conditionalDebt(), debt.oldestDueOn());
        } else if ("caseId".equals(variable.getVariableName())) {
            items.nameCase(variable.getTaskId(), value);
        } else if (Inbox.FOLLOW_UP_AT.equals(variable.getVariableName())) {
            items.followUp(variable.getTaskId(), value.isEmpty() ? null : java.time.Instant.parse(value));
        }
    }

    private WorkItems.Item itemOf(TaskEntity task) {
        String customerId = null;
        String caseId = null;
        LocalDate promiseDue = null;
        BigDecimal amount = BigDecimal.ZERO;
        LocalDate oldestDueOn = null;
        if (task.getProcessInstanceId() != null) {
            // A plan's task: the case is the process's business key, the customer a process variable.
            customerId = task.getVariable("customerId") instanceof String id ? id : null;
            ExecutionEntity process = CommandContextUtil.getExecutionEntityManager().findById(task.getProcessInstanceId());
            // A reminder before a due date (a call 3 days before) has a customer but no case.
            caseId = process == null || UpcomingPayments.isReminderKey(process.getBusinessKey()) ? null
                    : process.getBusinessKey();
            promiseDue = task.getVariable("promisedOn") instanceof LocalDate promised ? promised : null;
            if (customerId != null) {
                DebtSummary debt = ledger.getObject().debtOf(customerId);
                amount = debt.conditionalDebt();
                oldestDueOn = debt.oldestDueOn();
            }
        }
        return new WorkItems.Item(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getFormKey(),
                task.getProcessInstanceId(), customerId, caseId, task.getAssignee(), task.getPriority(), amount,
                oldestDueOn, promiseDue, WorkItems.instant(task.getCreateTime()), WorkItems.instant(task.getDueDate()),
                null, task.isSuspended());
    }

    private static List<String> candidateGroups(TaskEntity task) {
        List<String> groups = new ArrayList<>();
        for (IdentityLinkInfo link : task.getIdentityLinks()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        return groups;
    }

    /** After a change to these customers' money, their open tasks show and sort by the new amounts. */
    @TransactionalEventListener(fallbackExecution = true)
    void onLedgerChanged(LedgerChanged change) {
        List<String> ids = List.copyOf(change.customerIds());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            refresh(items.customersWithWork(ids.subList(from, Math.min(ids.size(), from + CHUNK))));
        }
    }

    private void refresh(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        Map<String, WorkItems.Debt> debts = new HashMap<>();
        for (DebtSummary debt : ledger.getObject().debtOf(customerIds)) {
            debts.put(debt.customerId(), new WorkItems.Debt(debt.conditionalDebt(), debt.oldestDueOn()));
        }
        items.updateDebts(debts);
    }

    @Override
    public boolean isFailOnException() {
        return true;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return false;
    }

    @Override
    public String getOnTransaction() {
        return null;
    }
}
