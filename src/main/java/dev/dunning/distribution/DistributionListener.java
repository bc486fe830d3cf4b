package dev.dunning.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.engine.impl.util.TaskHelper;
import org.flowable.identitylink.api.IdentityLinkInfo;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.service.impl.persistence.entity.TaskEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.dunning.timeline.Timeline;
import dev.dunning.upcoming.UpcomingPayments;

/**
 * Assigns a plan's new user task by the rules, inside the engine's transaction: the task is created already
 * assigned, with the assignment on the customer's timeline. Tasks no rule takes are left to their groups.
 */
@Component
class DistributionListener implements FlowableEventListener {

    // Looked up when a task comes: the engine is built with its listeners, and these need the engine's services.
    private final ObjectProvider<Distribution> distribution;
    private final ObjectProvider<TaskFactsReader> facts;
    private final ObjectProvider<Timeline> timeline;

    DistributionListener(ObjectProvider<Distribution> distribution, ObjectProvider<TaskFactsReader> facts,
            ObjectProvider<Timeline> timeline) {
        this.distribution = distribution;
        this.facts = facts;
        this.timeline = timeline;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event.getType() != FlowableEngineEventType.TASK_CREATED
                || !(event instanceof FlowableEntityEvent entityEvent)
                || !(entityEvent.getEntity() instanceof TaskEntity task)
                || task.getAssignee() != null || task.getProcessInstanceId() == null) {
            return;
        }
        List<String> groups = new ArrayList<>();
        for (IdentityLinkInfo link : task.getIdentityLinks()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        if (!distribution.getObject().anyRuleTakes(task.getTaskDefinitionKey(), groups)) {
            return;
        }
        String customerId = task.getVariable("customerId") instanceof String id ? id : null;
        String provider = task.getVariable("provider") instanceof String id ? id : null;
        TaskFacts about = facts.getObject().of(task.getTaskDefinitionKey(), groups, customerId, provider);
        distribution.getObject().choose(about, task.getId(), Set.of()).ifPresent(choice -> {
            TaskHelper.changeTaskAssignee(task, choice.assignee());
            if (customerId != null) {
                ExecutionEntity process = CommandContextUtil.getExecutionEntityManager().findById(task.getProcessInstanceId());
                String caseId = process == null || UpcomingPayments.isReminderKey(process.getBusinessKey()) ? null
                        : process.getBusinessKey();
                timeline.getObject().record(customerId, caseId, "task-assigned", Timeline.SYSTEM,
                        task.getName() + " -> " + choice.assignee() + " (" + choice.describe() + ")");
            }
        });
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
