package dev.dunning.cases;

import java.time.ZoneOffset;
import java.util.NoSuchElementException;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.notify.Notices;
import dev.dunning.restriction.Restrictions;
import dev.dunning.timeline.Timeline;

/**
 * What an admin does to one case by hand, always with a reason written on the case's timeline:
 * <ul>
 * <li><b>suspend</b>: the plan waits (its timers and tasks with it) and the case is <em>held</em>: the debt alone
 * never resumes it, as it resumes a case that a dispute or a promise suspended ({@link CaseLifecycle});</li>
 * <li><b>resume</b>: the plan goes on where it waited. A case whose conditional debt is still below the plan's
 * minimum is suspended again by the next reconciliation, as any case would be;</li>
 * <li><b>cancel</b>: the plan ends, unsent notices are cancelled and the case is closed.</li>
 * </ul>
 * The case row and the process change in one transaction, so they never disagree. Paying the debt still settles a
 * held case.
 */
@Service
public class CaseInterventions {

    private static final Logger log = LoggerFactory.getLogger(CaseInterventions.class);
    /** As long as the timeline's summary allows with the words around it. */
    public static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final Cases cases;
    private final RuntimeService runtime;
    private final Notices notices;
    private final Timeline timeline;
    private final BusinessClock clock;

    private final Restrictions restrictions;

    CaseInterventions(JdbcClient jdbc, Cases cases, RuntimeService runtime, Notices notices, Timeline timeline,
            BusinessClock clock, Restrictions restrictions) {
        this.restrictions = restrictions;
        this.jdbc = jdbc;
        this.cases = cases;
        this.runtime = runtime;
        this.notices = notices;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Suspends a case in work (open, or suspended by its debt) and holds it until an admin resumes it. */
    @Transactional
    public CaseView suspend(String caseId, String actor, String reason) {
        String why = reason(reason);
        Locked found = lock(caseId);
        if (!found.active()) {
            throw new IllegalStateException("case " + caseId + " is " + found.status() + "; only a case in work can be"
                    + " suspended");
        }
        if (found.heldBy() != null) {
            throw new IllegalStateException("case " + caseId + " is already suspended by " + found.heldBy());
        }
        jdbc.sql("UPDATE collection_case SET status = :status, held_by = :actor WHERE case_id = :id")
                .param("status", CaseStatus.SUSPENDED.code()).param("actor", actor).param("id", caseId).update();
        ProcessInstance instance = instance(found);
        if (instance != null && !instance.isSuspended()) {
            runtime.suspendProcessInstanceById(instance.getId());
        }
        timeline.record(found.customerId(), caseId, "case-suspended-by-admin", actor, "case suspended: " + why);
        log.info("Case {} suspended by {}", caseId, actor);
        return cases.get(caseId);
    }

    /** Resumes a suspended case: the plan goes on where it waited. */
    @Transactional
    public CaseView resume(String caseId, String actor, String reason) {
        String why = reason(reason);
        Locked found = lock(caseId);
        if (!found.active() || !CaseStatus.SUSPENDED.code().equals(found.status())) {
            throw new IllegalStateException("case " + caseId + " is " + found.status() + "; only a suspended case can be"
                    + " resumed");
        }
        jdbc.sql("UPDATE collection_case SET status = :status, held_by = NULL WHERE case_id = :id")
                .param("status", CaseStatus.OPEN.code()).param("id", caseId).update();
        ProcessInstance instance = instance(found);
        if (instance != null && instance.isSuspended()) {
            runtime.activateProcessInstanceById(instance.getId());
            restrictions.deliverAnswers(instance.getId());
        }
        timeline.record(found.customerId(), caseId, "case-resumed-by-admin", actor, "case resumed: " + why);
        log.info("Case {} resumed by {}", caseId, actor);
        return cases.get(caseId);
    }

    /** Cancels a case in work: its plan ends, its unsent notices are cancelled, and it is closed. */
    @Transactional
    public CaseView cancel(String caseId, String actor, String reason) {
        String why = reason(reason);
        Locked found = lock(caseId);
        if (!found.active()) {
            throw new IllegalStateException("case " + caseId + " is " + found.status() + "; only a case in work can be"
                    + " cancelled");
        }
        // Closed first: the engine's end of the process then finds no active case to close a second time.
        jdbc.sql("""
                UPDATE collection_case SET status = :status, active_key = NULL, held_by = NULL, ended_at = :at
                WHERE case_id = :id""")
                .param("status", CaseStatus.CLOSED.code())
                .param("at", clock.now().atOffset(ZoneOffset.UTC))
                .param("id", caseId)
                .update();
        int cancelled = notices.cancelPending(caseId);
        ProcessInstance instance = instance(found);
        if (instance != null) {
            if (instance.isSuspended()) {
                runtime.activateProcessInstanceById(instance.getId());
            }
            runtime.deleteProcessInstance(instance.getId(), "cancelled by " + actor);
        }
        timeline.record(found.customerId(), caseId, "case-cancelled-by-admin", actor, "case cancelled and closed: "
                + why + (cancelled > 0 ? "; " + cancelled + " unsent notices cancelled" : ""));
        log.info("Case {} cancelled by {}", caseId, actor);
        return cases.get(caseId);
    }

    /** The reason, trimmed; a blank or missing one is refused, as is one too long for the timeline. */
    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new MissingReasonException("reason: say why (it is written on the case's timeline)");
        }
        String trimmed = reason.strip();
        if (trimmed.length() > MAX_REASON) {
            throw new MissingReasonException("reason: at most " + MAX_REASON + " characters, not " + trimmed.length());
        }
        return trimmed;
    }

    /** A manual action without an acceptable reason. */
    public static final class MissingReasonException extends IllegalArgumentException {

        MissingReasonException(String message) {
            super(message);
        }
    }

    private record Locked(String caseId, String customerId, String status, boolean active, String heldBy,
            String processInstanceId) {
    }

    /** The case's row, locked until the transaction ends, so two admins (or an admin and a payment) take turns. */
    private Locked lock(String caseId) {
        return jdbc.sql("""
                SELECT case_id, customer_id, status, active_key, held_by, process_instance_id
                  FROM collection_case WHERE case_id = :id FOR UPDATE""")
                .param("id", caseId)
                .query((rs, row) -> new Locked(rs.getString("case_id"), rs.getString("customer_id"),
                        rs.getString("status"), rs.getString("active_key") != null, rs.getString("held_by"),
                        rs.getString("process_instance_id")))
                .optional()
                .orElseThrow(() -> new NoSuchElementException("no case '" + caseId + "'"));
    }

    private ProcessInstance instance(Locked found) {
        if (found.processInstanceId() == null) {
            return null;
        }
        return runtime.createProcessInstanceQuery().processInstanceId(found.processInstanceId()).singleResult();
    }
}
