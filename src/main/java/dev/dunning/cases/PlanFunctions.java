package dev.dunning.cases;

import java.util.Date;

import org.flowable.engine.delegate.DelegateExecution;

/**
 * The functions a plan can call as {@code ${plan.…}}, whoever carries them out: {@link CaseActions} in the real
 * engine, the plan simulation's stand-in in its sandbox. A function added to {@link CaseActions} belongs here too,
 * so that every engine that runs plans knows it (a test compares the two).
 */
public interface PlanFunctions {

    /** Queues a notice from {@code template} on the first of {@code channels} that reaches the customer. */
    String sendNotice(DelegateExecution execution, String template, String channels);

    /** Like {@link #sendNotice(DelegateExecution, String, String)}; {@code 'pdf'} attaches the notice as a PDF. */
    String sendNotice(DelegateExecution execution, String template, String channels, String option);

    /** Upcoming-payment plans: when the reminder {@code daysBefore} days before the due date goes. */
    Date daysBeforeDue(DelegateExecution execution, int daysBefore);

    /** Upcoming-payment plans: whether something is still to be paid on the due date. */
    boolean paymentStillDue(DelegateExecution execution);

    /** Upcoming-payment plans: whether the reminder {@code daysBefore} days before the due date goes now. */
    boolean remindNow(DelegateExecution execution, int daysBefore);

    /** Upcoming-payment plans: queues a reminder of the payment due on {@code dueOn}. */
    String sendPaymentReminder(DelegateExecution execution, String template, String channel);

    /** Freezes what the debtor promised on the call until the promised date. */
    void recordPromise(DelegateExecution execution);

    /** Whether the debtor paid at least the promised amount since promising. */
    boolean promiseKept(DelegateExecution execution);

    /** Start of the day after {@code date} in the company's zone. */
    Date dayAfter(Object date);

    /** Counts one more unanswered call in {@code missedCalls} (plan versions before recordCallOutcome). */
    int countMissedCall(DelegateExecution execution);

    /** When a call task begins: forgets the answers of the last call. */
    void forgetLastCall(DelegateExecution execution);

    /** After a call task: records its outcome and keeps the counts the plan's gateways read. */
    void recordCallOutcome(DelegateExecution execution);

    /** How many times the debtor said "no money now" within {@code window} (an ISO period) up to today. */
    int noMoneyCount(DelegateExecution execution, String window);

    /** How many of the unanswered calls in a row were today. */
    int missedCallsToday(DelegateExecution execution);

    /** The debtor disputes the debt on a call: freezes the disputed amount and asks the managers to review it. */
    void recordDispute(DelegateExecution execution);

    /** After the lawyer's task: records what was done. */
    void recordLegalOutcome(DelegateExecution execution);

    /** After a manager's answer to a write-off. */
    void recordWriteOffDecision(DelegateExecution execution);

    /** Whether the notice {@code noticeId} (what {@code sendNotice} returned) was queued on {@code channel}. */
    boolean sentBy(Object noticeId, String channel);

    /** Whether a restriction connector restricts and restores this case's service. */
    boolean restrictsAutomatically(DelegateExecution execution);

    /** Asks the billing system through the connector to restrict the service; the answer is {@code restrictionAnswered}. */
    void restrictService(DelegateExecution execution);

    /** Asks the billing system through the connector to restore the service; the answer is {@code restorationAnswered}. */
    void restoreService(DelegateExecution execution);

    /** After the managers' restriction task: records that the service was restricted, or why it could not be. */
    void recordRestriction(DelegateExecution execution);

    /** Whether the case's service is restricted now (by the connector or the managers). */
    boolean serviceRestricted(DelegateExecution execution);

    /** After the managers' task to restore the service once the debt is paid: records what was done. */
    void recordRestoration(DelegateExecution execution);

    /** Upcoming-payment plans: after a collector's call before a due date, records its outcome. */
    void recordReminderCall(DelegateExecution execution);
}
