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
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.Ledger;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;

/**
 * The functions a collection plan can call, as {@code ${plan.…}}. Each turns the step's variables
 * into one typed call on a feature service; rules live in those services, not here.
 */
@org.springframework.stereotype.Component
@ExposedToPlans("plan")
public class CaseActions {

    private final Ledger ledger;
    private final Freezes freezes;
    private final Notices notices;
    private final BusinessClock clock;

    CaseActions(Ledger ledger, Freezes freezes, Notices notices, BusinessClock clock) {
        this.ledger = ledger;
        this.freezes = freezes;
        this.notices = notices;
        this.clock = clock;
    }

    /** Queues a notice from {@code template} on the preferred {@code channel}, with today's amounts. */
    public String sendNotice(DelegateExecution execution, String template, String channel) {
        String customerId = customerId(execution);
        Customer customer = ledger.customer(customerId).orElseThrow();
        DebtSummary debt = ledger.debtOf(customerId);
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", customer.name());
        model.put("caseId", execution.getProcessInstanceBusinessKey());
        model.put("realDebt", debt.realDebt());
        model.put("conditionalDebt", debt.conditionalDebt());
        model.put("balance", debt.balance());
        model.put("today", clock.today());
        if (debt.oldestDueOn() != null) {
            model.put("oldestDueOn", debt.oldestDueOn());
        }
        if (execution.getVariable(PlanVariables.PROMISED_ON) instanceof LocalDate promisedOn) {
            model.put("promisedOn", promisedOn);
        }
        if (execution.getVariable(PlanVariables.PROMISED_AMOUNT) instanceof BigDecimal promisedAmount) {
            model.put("promisedAmount", promisedAmount);
        }
        return notices.compose(new NoticeRequest(customerId, execution.getProcessInstanceBusinessKey(), template,
                List.of(channel.split("\\s*,\\s*")), model));
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
}
