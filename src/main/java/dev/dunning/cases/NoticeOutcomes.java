package dev.dunning.cases;

import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.Execution;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dunning.notify.NoticeOutcome;

/**
 * Hands a notice's outcome (a robot call answered, a keypress, no answer) to the plan step of its case that waits
 * for it: an intermediate message catch event or receive task on the message {@code noticeOutcome}. The outcome
 * becomes the process variable {@code noticeOutcome}. Runs in the reporting transaction, so the report and the
 * step's progress commit together.
 */
@Component
class NoticeOutcomes {

    static final String MESSAGE = "noticeOutcome";

    private final JdbcClient jdbc;
    private final RuntimeService runtime;

    NoticeOutcomes(JdbcClient jdbc, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.runtime = runtime;
    }

    @EventListener
    void onNoticeOutcome(NoticeOutcome outcome) {
        if (outcome.caseId() == null) {
            return;
        }
        String processInstanceId = jdbc.sql("""
                SELECT process_instance_id FROM collection_case WHERE case_id = :case AND active_key IS NOT NULL""")
                .param("case", outcome.caseId())
                .query(String.class)
                .optional().orElse(null);
        if (processInstanceId == null) {
            return;
        }
        for (Execution waiting : runtime.createExecutionQuery().processInstanceId(processInstanceId)
                .messageEventSubscriptionName(MESSAGE).list()) {
            runtime.messageEventReceived(MESSAGE, waiting.getId(),
                    Map.of(PlanVariables.NOTICE_OUTCOME, outcome.outcome()));
        }
    }
}
