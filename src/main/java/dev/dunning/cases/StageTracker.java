package dev.dunning.cases;

import java.time.ZoneOffset;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.delegate.event.FlowableActivityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEntityEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.timeline.Timeline;

/**
 * Follows the engine: when an activity that the diagram marks with {@code dunning:stage} begins,
 * the case moves to that stage; when a process ends on its own (the lawyer wrote the debt off), the
 * case is closed. Runs inside the engine's transaction, so the case and the process agree.
 */
@Component
class StageTracker implements FlowableEventListener {

    private final JdbcClient jdbc;
    private final ObjectProvider<PlanCatalog> plans;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final CaseMetrics metrics;

    StageTracker(JdbcClient jdbc, ObjectProvider<PlanCatalog> plans, Timeline timeline, BusinessClock clock,
            CaseMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.plans = plans;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event.getType() == FlowableEngineEventType.ACTIVITY_STARTED && event instanceof FlowableActivityEvent activity) {
            plans.getObject().stageOf(activity.getProcessDefinitionId(), activity.getActivityId())
                    .ifPresent(stage -> enterStage(activity.getProcessInstanceId(), activity.getActivityId(), stage));
        } else if (event.getType() == FlowableEngineEventType.PROCESS_COMPLETED
                && event instanceof FlowableEngineEntityEvent ended) {
            closeIfStillActive(ended.getProcessInstanceId());
        }
    }

    private void enterStage(String processInstanceId, String activityId, String stage) {
        jdbc.sql("SELECT case_id, customer_id, stage FROM collection_case WHERE process_instance_id = :process")
                .param("process", processInstanceId)
                .query((rs, row) -> new String[] {rs.getString("case_id"), rs.getString("customer_id"), rs.getString("stage")})
                .optional()
                .filter(found -> !stage.equals(found[2]))
                .ifPresent(found -> {
                    jdbc.sql("UPDATE collection_case SET stage = :stage WHERE case_id = :id")
                            .param("stage", stage).param("id", found[0]).update();
                    timeline.record(found[1], found[0], "stage-changed", Timeline.SYSTEM,
                            (found[2] == null ? "" : found[2] + " -> ") + stage + " at " + activityId);
                });
    }

    private void closeIfStillActive(String processInstanceId) {
        jdbc.sql("SELECT case_id, customer_id, plan_key FROM collection_case WHERE process_instance_id = :process AND active_key IS NOT NULL")
                .param("process", processInstanceId)
                .query((rs, row) -> new String[] {rs.getString("case_id"), rs.getString("customer_id"), rs.getString("plan_key")})
                .optional()
                .ifPresent(found -> {
                    jdbc.sql("UPDATE collection_case SET status = 'closed', active_key = NULL, ended_at = :at WHERE case_id = :id")
                            .param("at", clock.now().atOffset(ZoneOffset.UTC)).param("id", found[0]).update();
                    timeline.record(found[1], found[0], "case-closed", Timeline.SYSTEM, "the plan ended the case");
                    metrics.ended(found[2], CaseStatus.CLOSED);
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
