package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a customer owes, as of one business day.
 *
 * @param planKey         the plan that applies (the customer's own, else the group's master plan)
 * @param balance         every unpaid amount, due or not
 * @param realDebt        unpaid amounts of invoices overdue past the plan's grace period
 * @param frozen          amounts taken out of work for now, by kind
 * @param conditionalDebt real debt less frozen amounts (never below zero): what a case works on
 * @param oldestDueOn     due date of the oldest unpaid overdue invoice, if any
 * @param newestDueOn     due date of the newest unpaid invoice counted in real debt, if any
 */
public record DebtSummary(
        String customerId,
        String planKey,
        BigDecimal minimumAmount,
        BigDecimal balance,
        BigDecimal realDebt,
        Frozen frozen,
        BigDecimal conditionalDebt,
        LocalDate oldestDueOn,
        LocalDate newestDueOn) {

    /** Frozen amounts by kind. */
    public record Frozen(BigDecimal dispute, BigDecimal promise, BigDecimal installment, BigDecimal unconfirmed) {

        public BigDecimal total() {
            return dispute.add(promise).add(installment).add(unconfirmed);
        }
    }

    public boolean paidUp() {
        return realDebt.signum() == 0;
    }

    /** Whether the conditional debt is worth working under the plan. */
    public boolean worthWorking() {
        return realDebt.signum() > 0 && minimumAmount != null && conditionalDebt.compareTo(minimumAmount) >= 0;
    }
}
