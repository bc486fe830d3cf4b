package dev.dunning.cases;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Ledger;
import dev.dunning.plans.PlanSelection;
import dev.dunning.upcoming.UpcomingPayments;

/**
 * The daily evaluation: first brings running cases in step with the money (a promise date passed,
 * a payment arrived), then opens a case for each customer whose oldest debt is past the plan's
 * grace period and whose conditional debt reaches the plan's minimum, smallest debts first; last,
 * starts the reminders of payments falling due soon, except for customers with an open case, and brings the debt
 * picture that dashboards and reports read up to date ({@link DebtPositions}). Before cases are
 * opened, each customer without a case in work gets the plan their group chooses today ({@link PlanSelection}), so
 * that changes of groups, splits and decisions take effect at the next evaluation.
 */
@Service
public class Evaluation {

    private static final Logger log = LoggerFactory.getLogger(Evaluation.class);
    private static final int OPEN_CHUNK = 1000;

    /**
     * Who gets no new case: customers with a case in work, and customers whose debt was last
     * handed over and closed by a lawyer, until debt newer than that closing appears.
     */
    private static final String ALREADY_WORKED = """
            EXISTS (SELECT 1 FROM collection_case k
                    WHERE k.customer_id = s.customer_id AND COALESCE(k.provider, '') = s.scope
                      AND (k.active_key IS NOT NULL
                           OR (k.status = 'closed' AND CAST(k.ended_at AS DATE) >= s.newest_due_on)))""";

    /**
     * Who gets no reminder before a due date: customers with an open case, who get the plan's notices
     * instead (one conversation at a time, and contact limits are shared). A suspended case sends
     * nothing, so its customer is reminded, for instance of the installments that suspended it.
     */
    private static final String IN_COLLECTION = """
            EXISTS (SELECT 1 FROM collection_case k
                    WHERE k.customer_id = d.customer_id AND k.active_key IS NOT NULL AND k.status = 'open')""";

    /** Whose plan stays as it is at the refresh of plan choices: customers with a case in work (over {@code c}). */
    private static final String CASE_IN_WORK = """
            EXISTS (SELECT 1 FROM collection_case k WHERE k.customer_id = c.customer_id AND k.active_key IS NOT NULL)""";

    private final Ledger ledger;
    private final PlanSelection selection;
    private final CaseLifecycle lifecycle;
    private final CaseOpening opening;
    private final UpcomingPayments upcoming;
    private final DebtPositions positions;
    private final BusinessClock clock;
    private final CaseMetrics metrics;

    Evaluation(Ledger ledger, PlanSelection selection, CaseLifecycle lifecycle, CaseOpening opening,
            UpcomingPayments upcoming, DebtPositions positions, BusinessClock clock, CaseMetrics metrics) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.selection = selection;
        this.lifecycle = lifecycle;
        this.opening = opening;
        this.upcoming = upcoming;
        this.positions = positions;
        this.clock = clock;
    }

    public EvaluationReport evaluate() {
        long started = System.nanoTime();
        CaseLifecycle.Changes changes = lifecycle.reconcileAllActive();
        long reconciled = System.nanoTime();
        // after reconciling: a case settled today frees its customer for today's choice of plan
        selection.refresh(CASE_IN_WORK);
        long chosen = System.nanoTime();
        int[] opened = {0};
        List<DebtSummary> chunk = new ArrayList<>(OPEN_CHUNK);
        ledger.forEachWorthWorking(ALREADY_WORKED, debt -> {
            chunk.add(debt);
            if (chunk.size() == OPEN_CHUNK) {
                opened[0] += opening.open(List.copyOf(chunk));
                chunk.clear();
            }
        });
        opened[0] += opening.open(chunk);
        long openedAt = System.nanoTime();
        int reminders = upcoming.startReminders(IN_COLLECTION);
        long remindersAt = System.nanoTime();
        // last: the day's closing picture knows today's plans, cases and payments
        positions.refreshAll();
        long finished = System.nanoTime();
        long took = finished - started;
        metrics.evaluated(took);
        var report = new EvaluationReport(clock.today(), opened[0], changes.settled(), changes.suspended(),
                changes.resumed(), reminders, took / 1_000_000);
        // the phases' times tell an operator which part of a slow evaluation to look at
        log.info("Evaluation of {}: {} cases opened, {} settled, {} suspended, {} resumed, {} payment reminders"
                + " started in {} ms (reconciling {} ms, plan choices {} ms, opening {} ms, reminders {} ms,"
                + " debt picture {} ms)", report.day(), report.opened(), report.settled(), report.suspended(),
                report.resumed(), report.remindersStarted(), report.millis(), millis(reconciled - started),
                millis(chosen - reconciled), millis(openedAt - chosen), millis(remindersAt - openedAt),
                millis(finished - remindersAt));
        return report;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
