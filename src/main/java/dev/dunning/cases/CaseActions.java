package dev.dunning.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowable.engine.delegate.DelegateExecution;

import dev.dunning.clock.BusinessClock;
import dev.dunning.engine.ExposedToPlans;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.Ledger;
import dev.dunning.notify.NoticeModels;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;
import dev.dunning.upcoming.UpcomingPayments;

/**
 * The functions a plan can call, as {@code ${plan.…}}: collection plans and upcoming-payment plans
 * alike. Each turns the step's variables into one typed call on a feature service; rules live in those
 * services, not here.
 */
@org.springframework.stereotype.Component
@ExposedToPlans("plan")
public class CaseActions {

    private final Ledger ledger;
    private final Freezes freezes;
    private final Notices notices;
    private final BusinessClock clock;
    private final UpcomingPayments upcoming;
    private final Cases cases;

    CaseActions(Ledger ledger, Freezes freezes, Notices notices, BusinessClock clock, UpcomingPayments upcoming,
            Cases cases) {
        this.ledger = ledger;
        this.freezes = freezes;
        this.notices = notices;
        this.clock = clock;
        this.upcoming = upcoming;
        this.cases = cases;
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
        Map<String, Object> model = new HashMap<>(NoticeModels.ofDebt(ledger.debtOf(customerId), clock.today()));
        model.putAll(NoticeModels.ofInvoices(ledger.openInvoices(customerId), clock.today()));
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
                : ledger.debtOf(customerId).conditionalDebt();
        execution.setVariable(PlanVariables.PROMISED_AMOUNT, amount);
        execution.setVariable(PlanVariables.PROMISE_MADE_ON, clock.today());
        String actor = execution.getVariable(PlanVariables.COMPLETED_BY) instanceof String who ? who : "collector";
        freezes.add(customerId, new FreezeRequest("promise", amount, promisedOn, null,
                "promised on a call of case " + execution.getProcessInstanceBusinessKey()), actor);
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

    /** Counts one more unanswered call in {@code missedCalls}. */
    public int countMissedCall(DelegateExecution execution) {
        int missed = execution.getVariable(PlanVariables.MISSED_CALLS) instanceof Integer count ? count + 1 : 1;
        execution.setVariable(PlanVariables.MISSED_CALLS, missed);
        return missed;
    }

    private static String customerId(DelegateExecution execution) {
        return (String) execution.getVariable(PlanVariables.CUSTOMER_ID);
    }

    private static LocalDate dueOn(DelegateExecution execution) {
        return (LocalDate) execution.getVariable(UpcomingPayments.DUE_ON);
    }

    private static List<String> channels(String channel) {
        return List.of(channel.split("\\s*,\\s*"));
    }
}
