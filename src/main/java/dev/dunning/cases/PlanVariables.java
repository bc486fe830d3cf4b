package dev.dunning.cases;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.flowable.engine.delegate.DelegateExecution;

/**
 * The process variables Dunning itself reads and writes, and how the dated ones are kept; plans refer to them by these
 * names. Public because the simulation's stand-in for the plan functions must keep them exactly as the real ones do.
 */
public final class PlanVariables {

    public static final String CUSTOMER_ID = "customerId";
    public static final String COMPLETED_BY = "completedBy";
    public static final String NOTE = "note";

    /** The call task's outcome: one of the {@code call-debtor} form's options. */
    public static final String CALL_OUTCOME = "callOutcome";
    public static final String PROMISED_ON = "promisedOn";
    public static final String PROMISED_AMOUNT = "promisedAmount";
    public static final String PROMISE_MADE_ON = "promiseMadeOn";
    /** Unanswered calls in a row: reset when the debtor is reached. */
    public static final String MISSED_CALLS = "missedCalls";
    /** The business dates of those unanswered calls, comma-separated ISO dates. */
    public static final String MISSED_CALL_DATES = "missedCallDates";
    /** The business dates the debtor said "no money now", comma-separated ISO dates, oldest first. */
    public static final String NO_MONEY_DATES = "noMoneyDates";
    /** What the debtor disputes: given on the call (empty: the whole debt), then what was frozen. */
    public static final String DISPUTED_AMOUNT = "disputedAmount";
    public static final String DISPUTE_REASON = "disputeReason";
    /** The dispute freeze made on the call, which the managers' review keeps or lifts. */
    public static final String DISPUTE_FREEZE_ID = "disputeFreezeId";

    /** The lawyer's outcome: one of the {@code legal-case} form's options. */
    public static final String LEGAL_OUTCOME = "legalOutcome";
    public static final String COURT_CASE_NUMBER = "courtCaseNumber";
    public static final String JUDGMENT_ON = "judgmentOn";
    public static final String AWARDED_AMOUNT = "awardedAmount";
    /** The lawyer who asked to write the debt off (the manager's decision replaces {@link #COMPLETED_BY}). */
    public static final String WRITE_OFF_ASKED_BY = "writeOffAskedBy";
    /** The manager's answer to a write-off: {@code approve} or {@code reject}, with a note. */
    public static final String WRITE_OFF_DECISION = "writeOffDecision";
    public static final String WRITE_OFF_NOTE = "writeOffNote";

    /** The managers' restriction task: {@code restricted} or {@code not-possible} ({@code restrict-service} form), and why not. */
    public static final String RESTRICTION_OUTCOME = "restrictionOutcome";
    public static final String RESTRICTION_REASON = "restrictionReason";
    /** The managers' restoration task after payment: {@code restored} or {@code not-restored} ({@code restore-service} form). */
    public static final String RESTORATION_OUTCOME = "restorationOutcome";
    /**
     * The provider id of a provider's case (a case of one provider's debt); absent for a case of all the customer
     * owes. Connectors and other per-provider settings are chosen by it.
     */
    public static final String PROVIDER = "provider";

    /** A notice's reported outcome ({@code answered}, {@code no-answer}, ...), for a step waiting on {@code noticeOutcome}. */
    public static final String NOTICE_OUTCOME = "noticeOutcome";

    /** At most this many dates are kept in a dated variable: the windows plans ask about are far shorter. */
    public static final int MAX_DATES_KEPT = 60;

    /** Business dates kept in a variable as comma-separated ISO dates: plain text, readable in any engine tool. */
    public static List<LocalDate> dates(DelegateExecution execution, String variable) {
        List<LocalDate> dates = new ArrayList<>();
        if (execution.getVariable(variable) instanceof String text && !text.isBlank()) {
            for (String day : text.split(",")) {
                dates.add(LocalDate.parse(day.strip()));
            }
        }
        return dates;
    }

    public static void setDates(DelegateExecution execution, String variable, List<LocalDate> dates) {
        List<LocalDate> kept = dates.size() > MAX_DATES_KEPT ? dates.subList(dates.size() - MAX_DATES_KEPT, dates.size())
                : dates;
        execution.setVariable(variable, kept.stream().map(LocalDate::toString).collect(Collectors.joining(",")));
    }

    /** A plan's window such as {@code P14D}; a step with another gets an error naming it. */
    public static Period period(DelegateExecution execution, String window) {
        try {
            return Period.parse(window.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("step " + execution.getCurrentActivityId() + ": '" + window
                    + "' is not a period of days such as P14D or P2W");
        }
    }

    private PlanVariables() {
    }
}
