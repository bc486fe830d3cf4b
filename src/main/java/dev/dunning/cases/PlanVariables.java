package dev.dunning.cases;

/** The process variables Dunning itself reads and writes; plans refer to them by these names. */
final class PlanVariables {

    static final String CUSTOMER_ID = "customerId";
    static final String COMPLETED_BY = "completedBy";
    static final String NOTE = "note";

    /** The call task's outcome: one of the {@code call-debtor} form's options. */
    static final String CALL_OUTCOME = "callOutcome";
    static final String PROMISED_ON = "promisedOn";
    static final String PROMISED_AMOUNT = "promisedAmount";
    static final String PROMISE_MADE_ON = "promiseMadeOn";
    /** Unanswered calls in a row: reset when the debtor is reached. */
    static final String MISSED_CALLS = "missedCalls";
    /** The business dates of those unanswered calls, comma-separated ISO dates. */
    static final String MISSED_CALL_DATES = "missedCallDates";
    /** The business dates the debtor said "no money now", comma-separated ISO dates, oldest first. */
    static final String NO_MONEY_DATES = "noMoneyDates";
    /** What the debtor disputes: given on the call (empty: the whole debt), then what was frozen. */
    static final String DISPUTED_AMOUNT = "disputedAmount";
    static final String DISPUTE_REASON = "disputeReason";
    /** The dispute freeze made on the call, which the managers' review keeps or lifts. */
    static final String DISPUTE_FREEZE_ID = "disputeFreezeId";

    /** The lawyer's outcome: one of the {@code legal-case} form's options. */
    static final String LEGAL_OUTCOME = "legalOutcome";
    static final String COURT_CASE_NUMBER = "courtCaseNumber";
    static final String JUDGMENT_ON = "judgmentOn";
    static final String AWARDED_AMOUNT = "awardedAmount";
    /** The lawyer who asked to write the debt off (the manager's decision replaces {@link #COMPLETED_BY}). */
    static final String WRITE_OFF_ASKED_BY = "writeOffAskedBy";
    /** The manager's answer to a write-off: {@code approve} or {@code reject}, with a note. */
    static final String WRITE_OFF_DECISION = "writeOffDecision";
    static final String WRITE_OFF_NOTE = "writeOffNote";

    /** The managers' restriction task: {@code restricted} or {@code not-possible} ({@code restrict-service} form), and why not. */
    static final String RESTRICTION_OUTCOME = "restrictionOutcome";
    static final String RESTRICTION_REASON = "restrictionReason";
    /** The managers' restoration task after payment: {@code restored} or {@code not-restored} ({@code restore-service} form). */
    static final String RESTORATION_OUTCOME = "restorationOutcome";

    /** A notice's reported outcome ({@code answered}, {@code no-answer}, ...), for a step waiting on {@code noticeOutcome}. */
    static final String NOTICE_OUTCOME = "noticeOutcome";

    private PlanVariables() {
    }
}
