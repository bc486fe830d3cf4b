package dev.dunning.cases;

/** The process variables Dunning itself reads and writes; plans refer to them by these names. */
final class PlanVariables {

    static final String CUSTOMER_ID = "customerId";
    static final String CALL_OUTCOME = "callOutcome";
    static final String PROMISED_ON = "promisedOn";
    static final String PROMISED_AMOUNT = "promisedAmount";
    static final String PROMISE_MADE_ON = "promiseMadeOn";
    static final String MISSED_CALLS = "missedCalls";
    static final String COMPLETED_BY = "completedBy";
    /** A notice's reported outcome ({@code answered}, {@code no-answer}, ...), for a step waiting on {@code noticeOutcome}. */
    static final String NOTICE_OUTCOME = "noticeOutcome";

    private PlanVariables() {
    }
}
