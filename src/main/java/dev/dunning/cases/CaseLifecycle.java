package dev.dunning.cases;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.LedgerChanged;
import dev.dunning.notify.Notices;
import dev.dunning.restriction.Restrictions;
import dev.dunning.timeline.Timeline;

/**
 * Keeps running cases in step with the money: a case ends as settled the moment real debt is gone,
 * is suspended while conditional debt is below the plan's minimum (a dispute, a promise, an
 * unconfirmed payment), and resumes when it is back above it (the promise date passed unpaid).
 */
@Component
class CaseLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaseLifecycle.class);
    static final String DEBT_PAID_MESSAGE = "debtPaid";
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final RuntimeService runtime;
    private final Notices notices;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final TransactionTemplate newTransaction;
    private final CaseMetrics metrics;

    private final Restrictions restrictions;

    CaseLifecycle(JdbcClient jdbc, Ledger ledger, RuntimeService runtime, Notices notices, Timeline timeline,
            BusinessClock clock, PlatformTransactionManager transactionManager, CaseMetrics metrics,
            Restrictions restrictions) {
        this.restrictions = restrictions;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.runtime = runtime;
        this.notices = notices;
        this.timeline = timeline;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What reconciling did, in counts. */
    record Changes(int settled, int suspended, int resumed) {

        Changes plus(Changes other) {
            return new Changes(settled + other.settled, suspended + other.suspended, resumed + other.resumed);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onLedgerChanged(LedgerChanged change) {
        reconcile(change.customerIds());
    }

    /** Brings the active cases of these customers in line with their debt today. */
    Changes reconcile(Collection<String> customerIds) {
        List<String> ids = List.copyOf(customerIds);
        Changes total = new Changes(0, 0, 0);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Changes changes = newTransaction.execute(status -> reconcileChunk(chunk));
            total = total.plus(changes);
        }
        return total;
    }

    /** Brings every active case in line with its debt today (the daily evaluation's first step). */
    Changes reconcileAllActive() {
        List<String> customers = jdbc.sql("SELECT customer_id FROM collection_case WHERE active_key IS NOT NULL")
                .query(String.class).list();
        return reconcile(customers);
    }

    private Changes reconcileChunk(List<String> customerIds) {
        List<ActiveCase> active = activeCases(customerIds);
        if (active.isEmpty()) {
            return new Changes(0, 0, 0);
        }
        // each case works its part of the debt: the whole, or one provider's where providers are worked separately
        Map<String, DebtSummary> debts = ledger.debtPartsOf(active.stream().map(ActiveCase::customerId).distinct().toList())
                .stream().collect(Collectors.toMap(debt -> part(debt.customerId(), debt.provider()),
                        Function.identity()));
        int settled = 0;
        int suspended = 0;
        int resumed = 0;
        for (ActiveCase each : active) {
            DebtSummary debt = debts.get(part(each.customerId(), each.provider()));
            if (debt == null && each.provider() != null && ledger.worksProvidersSeparately()) {
                // the provider's invoices are gone (cancelled by billing): nothing of theirs is owed
                settle(each);
                settled++;
                continue;
            }
            if (debt == null) {
                continue;
            }
            if (debt.paidUp()) {
                settle(each);
                settled++;
            } else if (!debt.worthWorking() && each.status().equals(CaseStatus.OPEN.code())) {
                suspend(each, debt);
                suspended++;
            } else if (debt.worthWorking() && each.status().equals(CaseStatus.SUSPENDED.code()) && !each.held()) {
                resume(each, debt);
                resumed++;
            }
        }
        return new Changes(settled, suspended, resumed);
    }

    private static String part(String customerId, String provider) {
        return customerId + "|" + (provider == null ? "" : provider);
    }

    private void settle(ActiveCase active) {
        end(active, CaseStatus.SETTLED);
        int cancelled = notices.cancelPending(active.caseId());
        ProcessInstance instance = instance(active);
        if (instance != null) {
            if (instance.isSuspended()) {
                runtime.activateProcessInstanceById(instance.getId());
                restrictions.deliverAnswers(instance.getId());
            }
            Execution waiting = runtime.createExecutionQuery()
                    .processInstanceId(instance.getId())
                    .messageEventSubscriptionName(DEBT_PAID_MESSAGE)
                    .singleResult();
            if (waiting != null) {
                runtime.messageEventReceived(DEBT_PAID_MESSAGE, waiting.getId());
            } else {
                runtime.deleteProcessInstance(instance.getId(), "debt paid");
            }
        }
        timeline.record(active.customerId(), active.caseId(), "case-settled", Timeline.SYSTEM,
                "real debt paid; case settled" + (cancelled > 0 ? ", " + cancelled + " unsent notices cancelled" : ""));
        log.info("Case {} of customer {} settled", active.caseId(), active.customerId());
    }

    private void suspend(ActiveCase active, DebtSummary debt) {
        setStatus(active, CaseStatus.SUSPENDED);
        ProcessInstance instance = instance(active);
        if (instance != null && !instance.isSuspended()) {
            runtime.suspendProcessInstanceById(instance.getId());
        }
        timeline.record(active.customerId(), active.caseId(), "case-suspended", Timeline.SYSTEM,
                "conditional debt " + debt.conditionalDebt().toPlainString() + " is below the plan minimum "
                        + debt.minimumAmount().toPlainString() + " (frozen " + debt.frozen().total().toPlainString() + ")");
    }

    private void resume(ActiveCase active, DebtSummary debt) {
        setStatus(active, CaseStatus.OPEN);
        ProcessInstance instance = instance(active);
        if (instance != null && instance.isSuspended()) {
            runtime.activateProcessInstanceById(instance.getId());
            // A connector's answer that came while the plan was suspended could not reach it then.
            restrictions.deliverAnswers(instance.getId());
        }
        timeline.record(active.customerId(), active.caseId(), "case-resumed", Timeline.SYSTEM,
                "conditional debt " + debt.conditionalDebt().toPlainString() + " is back above the plan minimum");
    }

    private ProcessInstance instance(ActiveCase active) {
        if (active.processInstanceId() == null) {
            return null;
        }
        return runtime.createProcessInstanceQuery().processInstanceId(active.processInstanceId()).singleResult();
    }

    private void setStatus(ActiveCase active, CaseStatus status) {
        jdbc.sql("UPDATE collection_case SET status = :status WHERE case_id = :id")
                .param("status", status.code()).param("id", active.caseId()).update();
    }

    private void end(ActiveCase active, CaseStatus status) {
        if (jdbc.sql("""
                UPDATE collection_case SET status = :status, active_key = NULL, held_by = NULL, ended_at = :at
                WHERE case_id = :id AND active_key IS NOT NULL""")
                .param("status", status.code())
                .param("at", clock.now().atOffset(ZoneOffset.UTC))
                .param("id", active.caseId())
                .update() > 0) {
            metrics.ended(active.planKey(), status);
        }
    }

    /** {@code held}: an admin suspended the case by hand ({@link CaseInterventions}); only an admin resumes it. */
    private record ActiveCase(String caseId, String customerId, String status, String processInstanceId,
            boolean held, String planKey, String provider) {
    }

    private List<ActiveCase> activeCases(List<String> customerIds) {
        List<ActiveCase> result = new ArrayList<>();
        jdbc.sql("""
                SELECT case_id, customer_id, status, process_instance_id, held_by, plan_key, provider FROM collection_case
                WHERE active_key IS NOT NULL AND customer_id IN (:customers)""")
                .param("customers", customerIds)
                .query((rs, row) -> new ActiveCase(rs.getString("case_id"), rs.getString("customer_id"),
                        rs.getString("status"), rs.getString("process_instance_id"), rs.getString("held_by") != null,
                        rs.getString("plan_key"), rs.getString("provider")))
                .list()
                .forEach(result::add);
        return result;
    }
}
