package dev.dunning.simulation;

import static dev.dunning.cases.PlanVariables.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;

import org.flowable.engine.delegate.DelegateExecution;

import dev.dunning.cases.PlanFunctions;

/**
 * {@code plan} in the sandbox: the same functions as the real one ({@code cases.CaseActions}), keeping the same
 * process variables so that the plan's gateways decide as they would, but recording instead of acting. A notice is
 * counted, not sent; a freeze or a dispute review changes the simulated customer only. Whatever a function does to
 * the simulated world takes effect when the engine's transaction has committed, as in the real system.
 * <p>
 * To add a plan function: add it to {@link PlanFunctions} (the build then asks for it here), keep the variables
 * the real function keeps, and record its effect through {@link Shard}.
 */
final class SimulatedPlan implements PlanFunctions {

    static final String DUE_ON = "dueOn";

    private static final List<String> LAST_CALL_ANSWERS = List.of(PROMISED_ON, PROMISED_AMOUNT, DISPUTED_AMOUNT,
            DISPUTE_REASON, NOTE);
    /** Upcoming-payment reminders go at this time when simulated (the real plan names its own). */
    private static final LocalTime REMIND_AT = LocalTime.of(10, 0);

    private final Shard shard;

    SimulatedPlan(Shard shard) {
        this.shard = shard;
    }

    @Override
    public String sendNotice(DelegateExecution execution, String template, String channels) {
        return shard.queueNotice(customer(execution), template, channels(channels));
    }

    @Override
    public String sendNotice(DelegateExecution execution, String template, String channels, String option) {
        if (!"pdf".equals(option)) {
            throw new IllegalArgumentException("step " + execution.getCurrentActivityId() + ": sendNotice option '"
                    + option + "' is unknown; the only option is 'pdf'");
        }
        return shard.queueNotice(customer(execution), template, channels(channels));
    }

    @Override
    public Date daysBeforeDue(DelegateExecution execution, int daysBefore) {
        LocalDate dueOn = dueOn(execution);
        return Date.from(dueOn.minusDays(daysBefore).atTime(REMIND_AT).atZone(shard.clock().zone()).toInstant());
    }

    @Override
    public boolean paymentStillDue(DelegateExecution execution) {
        return !customer(execution).paid;
    }

    @Override
    public boolean remindNow(DelegateExecution execution, int daysBefore) {
        return paymentStillDue(execution);
    }

    @Override
    public String sendPaymentReminder(DelegateExecution execution, String template, String channel) {
        return shard.queueNotice(customer(execution), template, channels(channel));
    }

    @Override
    public void recordPromise(DelegateExecution execution) {
        SimCustomer customer = customer(execution);
        LocalDate today = shard.clock().today();
        LocalDate promisedOn = (LocalDate) execution.getVariable(PROMISED_ON);
        BigDecimal amount = execution.getVariable(PROMISED_AMOUNT) instanceof BigDecimal promised ? promised
                : customer.conditionalDebt(today);
        execution.setVariable(PROMISED_AMOUNT, amount);
        execution.setVariable(PROMISE_MADE_ON, today);
        shard.freeze(customer, "promise", amount, promisedOn);
    }

    @Override
    public boolean promiseKept(DelegateExecution execution) {
        SimCustomer customer = customer(execution);
        LocalDate madeOn = (LocalDate) execution.getVariable(PROMISE_MADE_ON);
        BigDecimal promised = (BigDecimal) execution.getVariable(PROMISED_AMOUNT);
        BigDecimal paidSince = customer.paid && !customer.paidAt.atZone(shard.clock().zone()).toLocalDate().isBefore(madeOn)
                ? customer.debt : BigDecimal.ZERO;
        return paidSince.compareTo(promised) >= 0;
    }

    @Override
    public Date dayAfter(Object date) {
        LocalDate day = date instanceof LocalDate local ? local : LocalDate.parse(String.valueOf(date));
        return Date.from(day.plusDays(1).atStartOfDay(shard.clock().zone()).toInstant());
    }

    @Override
    public int countMissedCall(DelegateExecution execution) {
        int missed = execution.getVariable(MISSED_CALLS) instanceof Integer count ? count + 1 : 1;
        execution.setVariable(MISSED_CALLS, missed);
        return missed;
    }

    @Override
    public void forgetLastCall(DelegateExecution execution) {
        for (String answer : LAST_CALL_ANSWERS) {
            execution.removeVariable(answer);
        }
    }

    @Override
    public void recordCallOutcome(DelegateExecution execution) {
        String outcome = String.valueOf(execution.getVariable(CALL_OUTCOME));
        LocalDate today = shard.clock().today();
        switch (outcome) {
            case "no-answer" -> {
                List<LocalDate> missed = dates(execution, MISSED_CALL_DATES);
                missed.add(today);
                setDates(execution, MISSED_CALL_DATES, missed);
                int inARow = (execution.getVariable(MISSED_CALLS) instanceof Integer count ? count : 0) + 1;
                execution.setVariable(MISSED_CALLS, inARow);
            }
            case "wrong-number" -> {
                // nothing kept: the plan cannot call
            }
            default -> {
                execution.setVariable(MISSED_CALLS, 0);
                execution.removeVariable(MISSED_CALL_DATES);
                if ("no-money".equals(outcome)) {
                    List<LocalDate> all = dates(execution, NO_MONEY_DATES);
                    all.add(today);
                    setDates(execution, NO_MONEY_DATES, all);
                }
            }
        }
        shard.countCallOutcome(outcome);
    }

    @Override
    public int noMoneyCount(DelegateExecution execution, String window) {
        LocalDate since = shard.clock().today().minus(period(execution, window));
        return (int) dates(execution, NO_MONEY_DATES).stream().filter(day -> !day.isBefore(since)).count();
    }

    @Override
    public int missedCallsToday(DelegateExecution execution) {
        LocalDate today = shard.clock().today();
        return (int) dates(execution, MISSED_CALL_DATES).stream().filter(today::equals).count();
    }

    @Override
    public void recordDispute(DelegateExecution execution) {
        SimCustomer customer = customer(execution);
        BigDecimal inWork = customer.conditionalDebt(shard.clock().today());
        BigDecimal asked = execution.getVariable(DISPUTED_AMOUNT) instanceof BigDecimal amount ? amount : inWork;
        BigDecimal disputed = asked.min(inWork).setScale(2, RoundingMode.HALF_UP);
        if (disputed.signum() <= 0) {
            return;
        }
        execution.setVariable(DISPUTED_AMOUNT, disputed);
        execution.setVariable(DISPUTE_FREEZE_ID, shard.dispute(customer, disputed));
    }

    @Override
    public void recordLegalOutcome(DelegateExecution execution) {
        String outcome = String.valueOf(execution.getVariable(LEGAL_OUTCOME));
        if ("written-off".equals(outcome)) {
            execution.setVariable(WRITE_OFF_ASKED_BY, actor(execution));
        }
        shard.countLegalOutcome(customer(execution), outcome);
    }

    @Override
    public void recordWriteOffDecision(DelegateExecution execution) {
        execution.removeVariable(WRITE_OFF_NOTE);
        if ("approve".equals(execution.getVariable(WRITE_OFF_DECISION))) {
            shard.writeOff(customer(execution));
        }
    }

    @Override
    public boolean sentBy(Object noticeId, String channel) {
        return noticeId instanceof String id && shard.channelOf(id).filter(channel.strip()::equals).isPresent();
    }

    // Restriction, restoration and calls before a due date only write on the real timeline; nothing in the
    // simulated world changes, and the stages the plan reaches are counted from its stage markers.
    /** The simulated world has no billing system: its plans take the managers' way. */
    @Override
    public boolean restrictsAutomatically(DelegateExecution execution) {
        return false;
    }

    @Override
    public void restrictService(DelegateExecution execution) {
    }

    @Override
    public void restoreService(DelegateExecution execution) {
    }

    @Override
    public void recordRestriction(DelegateExecution execution) {
    }

    @Override
    public boolean serviceRestricted(DelegateExecution execution) {
        return "restricted".equals(execution.getVariable(RESTRICTION_OUTCOME));
    }

    @Override
    public void recordRestoration(DelegateExecution execution) {
    }

    @Override
    public void recordReminderCall(DelegateExecution execution) {
    }

    private SimCustomer customer(DelegateExecution execution) {
        return shard.customer((String) execution.getVariable(CUSTOMER_ID));
    }

    private static String actor(DelegateExecution execution) {
        return execution.getVariable(COMPLETED_BY) instanceof String who ? who : "system";
    }

    private static LocalDate dueOn(DelegateExecution execution) {
        return (LocalDate) execution.getVariable(DUE_ON);
    }

    private static List<String> channels(String channels) {
        return List.of(channels.strip().split("\\s*,\\s*"));
    }
}
