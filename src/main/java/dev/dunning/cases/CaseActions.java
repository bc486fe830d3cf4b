package dev.dunning.cases;

import static dev.dunning.cases.PlanVariables.dates;
import static dev.dunning.cases.PlanVariables.period;
import static dev.dunning.cases.PlanVariables.setDates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.flowable.engine.delegate.DelegateExecution;

import dev.dunning.clock.BusinessClock;
import dev.dunning.engine.ExposedToPlans;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.Ledger;
import dev.dunning.notify.NoticeModels;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;
import dev.dunning.restriction.RestrictionAction;
import dev.dunning.restriction.Restrictions;
import dev.dunning.timeline.Timeline;
import dev.dunning.upcoming.UpcomingPayments;

/**
 * The functions a plan can call, as {@code ${plan.…}}: collection plans and upcoming-payment plans
 * alike. Each turns the step's variables into one typed call on a feature service; rules live in those
 * services, not here.
 */
@org.springframework.stereotype.Component
@ExposedToPlans("plan")
public class CaseActions implements PlanFunctions {

    /** The {@code call-debtor} form's outcomes that Dunning itself counts. */
    private static final String NO_ANSWER = "no-answer";
    private static final String WRONG_NUMBER = "wrong-number";
    private static final String NO_MONEY = "no-money";
    private static final String WRITTEN_OFF = "written-off";
    private static final String APPROVE = "approve";
    /** The {@code restrict-service} form's outcome when the service was restricted. */
    private static final String RESTRICTED = "restricted";
    private static final String RESTORED = "restored";
    /** What one call answers; forgotten when the next call task begins. */
    private static final List<String> LAST_CALL_ANSWERS = List.of(PlanVariables.PROMISED_ON,
            PlanVariables.PROMISED_AMOUNT, PlanVariables.DISPUTED_AMOUNT, PlanVariables.DISPUTE_REASON, PlanVariables.NOTE);
    /** Enough dates for any window a plan counts in; older ones are dropped so the variable stays small. */
    private static final int MAX_FREEZE_REASON = 500;

    private final Ledger ledger;
    private final Freezes freezes;
    private final Notices notices;
    private final BusinessClock clock;
    private final UpcomingPayments upcoming;
    private final Cases cases;
    private final Timeline timeline;
    private final DisputeReviews disputeReviews;
    private final Restrictions restrictions;

    CaseActions(Ledger ledger, Freezes freezes, Notices notices, BusinessClock clock, UpcomingPayments upcoming,
            Cases cases, Timeline timeline, DisputeReviews disputeReviews, Restrictions restrictions) {
        this.restrictions = restrictions;
        this.ledger = ledger;
        this.freezes = freezes;
        this.notices = notices;
        this.clock = clock;
        this.upcoming = upcoming;
        this.cases = cases;
        this.timeline = timeline;
        this.disputeReviews = disputeReviews;
    }

    /**
     * Queues a notice from {@code template} on the first of {@code channels} (a list like {@code 'sms,email'})
     * that reaches the customer, falling back on the later ones, with today's amounts.
     */
    public String sendNotice(DelegateExecution execution, String template, String channels) {
        return queue(execution, template, channels, false);
    }

    /**
     * Like {@link #sendNotice(DelegateExecution, String, String)}; with the option {@code 'pdf'}, email attaches
     * the notice as a PDF (a pre-trial claim).
     */
    public String sendNotice(DelegateExecution execution, String template, String channels, String option) {
        if (!"pdf".equals(option)) {
            throw new IllegalArgumentException("step " + execution.getCurrentActivityId() + ": sendNotice option '"
                    + option + "' is unknown; the only option is 'pdf'");
        }
        return queue(execution, template, channels, true);
    }

    private String queue(DelegateExecution execution, String template, String channels, boolean attachPdf) {
        String customerId = customerId(execution);
        Map<String, Object> model = new HashMap<>(NoticeModels.ofDebt(ledger.debtOf(customerId, provider(execution)), clock.today()));
        model.putAll(NoticeModels.ofInvoices(ledger.openInvoices(customerId, provider(execution)), clock.today()));
        if (execution.getVariable(PlanVariables.PROMISED_ON) instanceof LocalDate promisedOn) {
            model.put("promisedOn", promisedOn);
        }
        if (execution.getVariable(PlanVariables.PROMISED_AMOUNT) instanceof BigDecimal promisedAmount) {
            model.put("promisedAmount", promisedAmount);
        }
        ledger.nextDue(customerId).ifPresent(next -> {
            model.put("nextDueOn", next.dueOn());
            model.put("nextAmountDue", next.amount());
        });
        String provider = provider(execution);
        if (provider != null) {
            // A provider's case is paid to that provider (dunning.payments.providers.<id>).
            model.put("provider", provider);
        }
        return notices.compose(new NoticeRequest(customerId, execution.getProcessInstanceBusinessKey(),
                execution.getCurrentActivityId(), template, List.of(channels.strip().split("\\s*,\\s*")), model,
                attachPdf));
    }

    /**
     * Upcoming-payment plans: when the reminder {@code daysBefore} days before the due date ({@code dueOn})
     * goes, for a timer's {@code timeDate}: that day at the plan's {@code dunning:remindAt} in the company's zone.
     */
    public Date daysBeforeDue(DelegateExecution execution, int daysBefore) {
        return Date.from(upcoming.reminderTime(execution.getProcessDefinitionId(), dueOn(execution), daysBefore));
    }

    /**
     * Upcoming-payment plans: whether something is still to be paid on the due date, and the customer has
     * no open collection case (which already sends them notices).
     */
    public boolean paymentStillDue(DelegateExecution execution) {
        String customerId = customerId(execution);
        return upcoming.stillDue(customerId, dueOn(execution)).signum() > 0 && !cases.hasOpenCase(customerId);
    }

    /**
     * Upcoming-payment plans: whether the reminder {@code daysBefore} days before the due date goes now:
     * the payment is still due, and no later reminder of the plan has come due as well (a late start).
     */
    public boolean remindNow(DelegateExecution execution, int daysBefore) {
        return !upcoming.overtaken(execution.getProcessDefinitionId(), dueOn(execution), daysBefore)
                && paymentStillDue(execution);
    }

    /**
     * Upcoming-payment plans: queues a reminder of the payment due on {@code dueOn}; the template sees
     * {@code dueOn}, {@code amountDue} (still unpaid today) and {@code daysLeft}. It is no case's notice.
     */
    public String sendPaymentReminder(DelegateExecution execution, String template, String channel) {
        String customerId = customerId(execution);
        LocalDate dueOn = dueOn(execution);
        Map<String, Object> model = new HashMap<>();
        model.put("dueOn", dueOn);
        model.put("amountDue", upcoming.stillDue(customerId, dueOn));
        model.put("daysLeft", upcoming.daysLeft(dueOn));
        model.put("today", clock.today());
        return notices.compose(new NoticeRequest(customerId, null, template, channels(channel), model));
    }

    /**
     * Freezes what the debtor promised on the call (the whole conditional debt when no amount was
     * given) until the promised date, which can suspend the case until then.
     */
    public void recordPromise(DelegateExecution execution) {
        String customerId = customerId(execution);
        LocalDate promisedOn = (LocalDate) execution.getVariable(PlanVariables.PROMISED_ON);
        BigDecimal amount = execution.getVariable(PlanVariables.PROMISED_AMOUNT) instanceof BigDecimal promised
                ? promised
                : ledger.debtOf(customerId, provider(execution)).conditionalDebt();
        execution.setVariable(PlanVariables.PROMISED_AMOUNT, amount);
        execution.setVariable(PlanVariables.PROMISE_MADE_ON, clock.today());
        String actor = execution.getVariable(PlanVariables.COMPLETED_BY) instanceof String who ? who : "collector";
        freezes.add(customerId, new FreezeRequest("promise", amount, promisedOn, null,
                "promised on a call of case " + execution.getProcessInstanceBusinessKey(), provider(execution)), actor);
    }

    /** Whether the debtor paid at least the promised amount since promising. */
    public boolean promiseKept(DelegateExecution execution) {
        LocalDate madeOn = (LocalDate) execution.getVariable(PlanVariables.PROMISE_MADE_ON);
        BigDecimal promised = (BigDecimal) execution.getVariable(PlanVariables.PROMISED_AMOUNT);
        return ledger.paidSince(customerId(execution), madeOn).compareTo(promised) >= 0;
    }

    /** Start of the day after {@code date} in the company's zone: when a promise for that date is broken. */
    public Date dayAfter(Object date) {
        LocalDate day = date instanceof LocalDate local ? local : LocalDate.parse(String.valueOf(date));
        return Date.from(day.plusDays(1).atStartOfDay(clock.getZone()).toInstant());
    }

    /**
     * Counts one more unanswered call in {@code missedCalls}. Plan versions deployed before
     * {@link #recordCallOutcome} call this; newer ones let that function count.
     */
    public int countMissedCall(DelegateExecution execution) {
        int missed = execution.getVariable(PlanVariables.MISSED_CALLS) instanceof Integer count ? count + 1 : 1;
        execution.setVariable(PlanVariables.MISSED_CALLS, missed);
        return missed;
    }

    /**
     * When a call task begins: forgets the answers of the last call (promise, dispute, note), so that a field left
     * empty this time (a promised or disputed amount: "the whole debt") does not take the last call's value. The
     * counts of missed calls and of "no money now" stay.
     */
    public void forgetLastCall(DelegateExecution execution) {
        for (String answer : LAST_CALL_ANSWERS) {
            execution.removeVariable(answer);
        }
    }

    /**
     * After a call task: writes its outcome in words on the case's timeline, and keeps what the plan's gateways
     * count: {@code missedCalls}, the unanswered calls in a row (their business dates in {@code missedCallDates}),
     * which start again from zero once the debtor is reached; and the dates the debtor had no money now, in
     * {@code noMoneyDates}, for {@link #noMoneyCount}.
     */
    public void recordCallOutcome(DelegateExecution execution) {
        String outcome = String.valueOf(execution.getVariable(PlanVariables.CALL_OUTCOME));
        LocalDate today = clock.today();
        String summary;
        switch (outcome) {
            case NO_ANSWER -> {
                List<LocalDate> missed = dates(execution, PlanVariables.MISSED_CALL_DATES);
                missed.add(today);
                setDates(execution, PlanVariables.MISSED_CALL_DATES, missed);
                int inARow = (execution.getVariable(PlanVariables.MISSED_CALLS) instanceof Integer count ? count : 0) + 1;
                execution.setVariable(PlanVariables.MISSED_CALLS, inARow);
                summary = "no answer (" + (inARow == 1 ? "1 missed call" : inARow + " missed calls in a row") + ")";
            }
            case WRONG_NUMBER -> summary = "wrong number: the debtor cannot be called on the number on file";
            default -> {
                execution.setVariable(PlanVariables.MISSED_CALLS, 0);
                execution.removeVariable(PlanVariables.MISSED_CALL_DATES);
                summary = "reached: " + reached(execution, outcome, today);
            }
        }
        timeline.record(customerId(execution), execution.getProcessInstanceBusinessKey(), "call-outcome",
                actor(execution), summary);
    }

    private String reached(DelegateExecution execution, String outcome, LocalDate today) {
        return switch (outcome) {
            case "promised" -> "promised to pay "
                    + amountOrWholeDebt(execution.getVariable(PlanVariables.PROMISED_AMOUNT)) + " by "
                    + execution.getVariable(PlanVariables.PROMISED_ON);
            case NO_MONEY -> {
                List<LocalDate> before = dates(execution, PlanVariables.NO_MONEY_DATES);
                List<LocalDate> all = new ArrayList<>(before);
                all.add(today);
                setDates(execution, PlanVariables.NO_MONEY_DATES, all);
                yield "no money now" + (before.isEmpty() ? ""
                        : " (said so before on " + before.stream().map(LocalDate::toString).collect(Collectors.joining(", "))
                                + ")");
            }
            case "refused" -> "refuses to pay";
            case "disputes" -> "disputes " + amountOrWholeDebt(execution.getVariable(PlanVariables.DISPUTED_AMOUNT))
                    + (execution.getVariable(PlanVariables.DISPUTE_REASON) instanceof String reason ? ": " + reason : "");
            default -> outcome;
        };
    }

    /**
     * How many times the debtor said "no money now" within {@code window} (an ISO period such as {@code 'P14D'})
     * up to today, today included: the window slides with the business date, so {@code >= 3} in a gateway means
     * three times within two weeks.
     */
    public int noMoneyCount(DelegateExecution execution, String window) {
        LocalDate since = clock.today().minus(period(execution, window));
        return (int) dates(execution, PlanVariables.NO_MONEY_DATES).stream().filter(day -> !day.isBefore(since)).count();
    }

    /** How many of the unanswered calls in a row were today: a plan calls again soon after the first, later after more. */
    public int missedCallsToday(DelegateExecution execution) {
        LocalDate today = clock.today();
        return (int) dates(execution, PlanVariables.MISSED_CALL_DATES).stream().filter(today::equals).count();
    }

    /**
     * The debtor disputes the debt on a call: freezes the disputed amount (empty: the whole conditional debt; never
     * more than that) as a {@code dispute}, which suspends the case when too little is left to work, and asks the
     * managers to review the dispute in a task outside the plan. Rejecting it lifts the freeze, and the plan goes on
     * where it waits.
     */
    public void recordDispute(DelegateExecution execution) {
        String customerId = customerId(execution);
        String caseId = execution.getProcessInstanceBusinessKey();
        BigDecimal inWork = ledger.debtOf(customerId, provider(execution)).conditionalDebt();
        BigDecimal asked = execution.getVariable(PlanVariables.DISPUTED_AMOUNT) instanceof BigDecimal amount ? amount : inWork;
        BigDecimal disputed = asked.min(inWork).setScale(2, RoundingMode.HALF_UP);
        String reason = execution.getVariable(PlanVariables.DISPUTE_REASON) instanceof String text ? text : "no reason given";
        if (disputed.signum() <= 0) {
            timeline.record(customerId, caseId, "dispute-not-frozen", actor(execution),
                    "nothing of the debt is in work, so nothing is frozen for the dispute: " + reason);
            return;
        }
        String freezeReason = "disputed on a call: " + reason;
        Freeze freeze = freezes.add(customerId, new FreezeRequest("dispute", disputed, null, null,
                freezeReason.length() <= MAX_FREEZE_REASON ? freezeReason
                        : freezeReason.substring(0, MAX_FREEZE_REASON - 1) + "…", provider(execution)),
                actor(execution));
        execution.setVariable(PlanVariables.DISPUTED_AMOUNT, disputed);
        execution.setVariable(PlanVariables.DISPUTE_FREEZE_ID, freeze.freezeId());
        disputeReviews.ask(customerId, caseId, freeze, reason);
    }

    /**
     * After the lawyer's task: writes what was done in words on the case's timeline (a claim sent, paid after the
     * claim, filed to court with the case number, the judgment with its date and awarded amount, a write-off
     * asked for). The plan's gateway then moves the case.
     */
    public void recordLegalOutcome(DelegateExecution execution) {
        String customerId = customerId(execution);
        String outcome = String.valueOf(execution.getVariable(PlanVariables.LEGAL_OUTCOME));
        String courtCase = execution.getVariable(PlanVariables.COURT_CASE_NUMBER) instanceof String number
                ? ", court case " + number : "";
        String summary = switch (outcome) {
            case "claim-sent" -> "claim sent by the lawyer";
            case "paid-after-claim" -> "paid after the claim; real debt today "
                    + ledger.debtOf(customerId, provider(execution)).realDebt().toPlainString();
            case "filed-to-court" -> "filed to court" + courtCase;
            case "judgment" -> "judgment of " + execution.getVariable(PlanVariables.JUDGMENT_ON) + " awards "
                    + amountOrWholeDebt(execution.getVariable(PlanVariables.AWARDED_AMOUNT)) + courtCase;
            case WRITTEN_OFF -> {
                execution.setVariable(PlanVariables.WRITE_OFF_ASKED_BY, actor(execution));
                yield "write-off asked for: the real debt of " + ledger.debtOf(customerId, provider(execution)).realDebt().toPlainString()
                        + " is not worth pursuing; a manager approves or rejects";
            }
            default -> outcome;
        };
        timeline.record(customerId, execution.getProcessInstanceBusinessKey(), "legal-outcome", actor(execution),
                summary);
    }

    /**
     * After a manager's answer to a write-off ({@code writeOffDecision}: {@code approve} or {@code reject}): an
     * approved one marks the debt written off on the timeline and cancels the case's unsent notices (the plan
     * then ends, which closes the case); a rejected one says so, and the plan gives the case back to the lawyers.
     */
    public void recordWriteOffDecision(DelegateExecution execution) {
        String customerId = customerId(execution);
        String caseId = execution.getProcessInstanceBusinessKey();
        String note = execution.getVariable(PlanVariables.WRITE_OFF_NOTE) instanceof String text ? ": " + text : "";
        execution.removeVariable(PlanVariables.WRITE_OFF_NOTE); // a later decision gives its own
        String askedBy = execution.getVariable(PlanVariables.WRITE_OFF_ASKED_BY) instanceof String lawyer ? lawyer
                : "the lawyers";
        if (APPROVE.equals(execution.getVariable(PlanVariables.WRITE_OFF_DECISION))) {
            BigDecimal realDebt = ledger.debtOf(customerId, provider(execution)).realDebt();
            int cancelled = notices.cancelPending(caseId);
            timeline.record(customerId, caseId, "debt-written-off", actor(execution), "real debt of "
                    + realDebt.toPlainString() + " written off, approved by " + actor(execution) + " as asked by "
                    + askedBy + note + (cancelled > 0 ? "; " + cancelled + " unsent notices cancelled" : ""));
        } else {
            timeline.record(customerId, caseId, "write-off-rejected", actor(execution), "writing the debt off is"
                    + " rejected; the case goes back to the lawyers" + note);
        }
    }

    /**
     * Whether the notice {@code noticeId} (what {@code sendNotice} returned, kept with {@code flowable:resultVariableName})
     * was queued on {@code channel}: a written notice is one by {@code letter}, not one that fell back on another
     * channel because the customer has no postal address or letters are switched off.
     */
    @Override
    public boolean sentBy(Object noticeId, String channel) {
        return noticeId instanceof String id && notices.channelOf(id).filter(channel.strip()::equals).isPresent();
    }

    /** Whether a connector restricts and restores this case's service (its provider's, or the deployment's). */
    @Override
    public boolean restrictsAutomatically(DelegateExecution execution) {
        return restrictions.connected(providerId(execution));
    }

    /**
     * Asks the billing system, through the connector, to restrict the case's service. The plan then waits for the
     * message {@code restrictionAnswered}, which sets {@code restrictionOutcome}: {@code restricted}, {@code refused}
     * (the billing system said no; {@code restrictionReason} says why) or {@code failed} (no answer after all
     * retries).
     */
    @Override
    public void restrictService(DelegateExecution execution) {
        restrictions.request(RestrictionAction.RESTRICT, scope(execution));
    }

    /**
     * Asks the billing system, through the connector, to restore the case's service. The plan then waits for the
     * message {@code restorationAnswered}, which sets {@code restorationOutcome}: {@code restored}, {@code refused}
     * or {@code failed}.
     */
    @Override
    public void restoreService(DelegateExecution execution) {
        restrictions.request(RestrictionAction.RESTORE, scope(execution));
    }

    /**
     * After the managers' restriction task (form {@code restrict-service}): writes on the case's timeline that the
     * service was restricted in the billing system by that person, or why it could not be ({@code restrictionReason}),
     * and keeps it in the case's restriction history with the connector's requests.
     */
    @Override
    public void recordRestriction(DelegateExecution execution) {
        String outcome = String.valueOf(execution.getVariable(PlanVariables.RESTRICTION_OUTCOME));
        String note = execution.getVariable(PlanVariables.NOTE) instanceof String text ? "; " + text : "";
        String reason = execution.getVariable(PlanVariables.RESTRICTION_REASON) instanceof String given ? given
                : "no reason given";
        boolean restricted = RESTRICTED.equals(outcome);
        String summary = restricted ? "service restricted in the billing system by " + actor(execution) + note
                : "service could not be restricted: " + reason + note;
        timeline.record(customerId(execution), execution.getProcessInstanceBusinessKey(),
                restricted ? "service-restricted" : "service-not-restricted", actor(execution), summary);
        restrictions.recordManual(RestrictionAction.RESTRICT, scope(execution), restricted, actor(execution),
                restricted ? note.replaceFirst("^; ", "") : reason);
    }

    /**
     * Whether the case's service is restricted now: by the case's restriction history (the connector's requests and
     * the managers' records, the last one carried out counts); for cases from before that history, by what the
     * managers recorded in the plan's variables.
     */
    @Override
    public boolean serviceRestricted(DelegateExecution execution) {
        return restrictions.restricted(execution.getProcessInstanceBusinessKey())
                .orElseGet(() -> RESTRICTED.equals(execution.getVariable(PlanVariables.RESTRICTION_OUTCOME)));
    }

    /**
     * After the managers' task to restore a restricted service (form {@code restore-service}): writes on the case's
     * timeline that the service was restored by that person, or why not ({@code note}), and keeps it in the case's
     * restriction history.
     */
    @Override
    public void recordRestoration(DelegateExecution execution) {
        boolean restored = RESTORED.equals(execution.getVariable(PlanVariables.RESTORATION_OUTCOME));
        String note = execution.getVariable(PlanVariables.NOTE) instanceof String text ? ": " + text : "";
        timeline.record(customerId(execution), execution.getProcessInstanceBusinessKey(),
                restored ? "service-restored" : "service-not-restored", actor(execution),
                (restored ? "service restored in the billing system by " + actor(execution)
                        : "service not restored by " + actor(execution)) + note);
        restrictions.recordManual(RestrictionAction.RESTORE, scope(execution), restored, actor(execution),
                note.replaceFirst("^: ", ""));
    }

    /**
     * Upcoming-payment plans: after a collector's call before a due date (form {@code remind-call}), writes its outcome
     * on the customer's timeline. Such a call belongs to no case.
     */
    @Override
    public void recordReminderCall(DelegateExecution execution) {
        String outcome = String.valueOf(execution.getVariable(PlanVariables.CALL_OUTCOME));
        String what = switch (outcome) {
            case "will-pay" -> "will pay on time"
                    + (execution.getVariable(PlanVariables.PROMISED_ON) instanceof LocalDate on ? ", by " + on : "");
            case "may-be-late" -> "may pay late";
            case "already-paid" -> "says it is paid already";
            case NO_ANSWER -> "no answer";
            case WRONG_NUMBER -> "wrong number";
            default -> outcome;
        };
        String note = execution.getVariable(PlanVariables.NOTE) instanceof String text ? "; " + text : "";
        timeline.record(customerId(execution), null, "reminder-call", actor(execution),
                "call before the payment due on " + dueOn(execution) + ": " + what + note);
    }

    private static String amountOrWholeDebt(Object amount) {
        return amount instanceof BigDecimal given ? given.toPlainString() : "the whole debt";
    }

    private static String actor(DelegateExecution execution) {
        return execution.getVariable(PlanVariables.COMPLETED_BY) instanceof String who ? who : Timeline.SYSTEM;
    }

    private static Restrictions.CaseScope scope(DelegateExecution execution) {
        return new Restrictions.CaseScope(customerId(execution), execution.getProcessInstanceBusinessKey(),
                execution.getProcessInstanceId(), providerId(execution));
    }

    /** The provider whose debt the case works; absent for a case of all the customer owes. */
    private static String providerId(DelegateExecution execution) {
        return execution.getVariable(PlanVariables.PROVIDER) instanceof String provider && !provider.isBlank() ? provider
                : null;
    }

    private static String customerId(DelegateExecution execution) {
        return (String) execution.getVariable(PlanVariables.CUSTOMER_ID);
    }

    /** The provider whose part of the debt the case works, or null for a customer-wide case. */
    private static String provider(DelegateExecution execution) {
        return execution.getVariable(PlanVariables.PROVIDER) instanceof String provider ? provider : null;
    }

    private static LocalDate dueOn(DelegateExecution execution) {
        return (LocalDate) execution.getVariable(UpcomingPayments.DUE_ON);
    }

    private static List<String> channels(String channel) {
        return List.of(channel.split("\\s*,\\s*"));
    }
}
