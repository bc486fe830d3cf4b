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
 * @param provider        the provider whose part of the debt this is, where providers are worked separately;
 *                        {@code null} for the customer's whole debt, or the part no provider billed
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
        LocalDate newestDueOn,
        String provider) {

    /** Frozen amounts by kind. */
    public record Frozen(BigDecimal dispute, BigDecimal promise, BigDecimal installment, BigDecimal unconfirmed) {

        public BigDecimal total() {
            return dispute.add(promise).add(installment).add(unconfirmed);
        }
    }

    /**
     * The customer's whole debt from the parts worked separately: amounts add up, the plan is that of the part no
     * provider billed (the customer's own plan).
     */
    static DebtSummary whole(java.util.List<DebtSummary> parts) {
        DebtSummary own = parts.stream().filter(part -> part.provider() == null).findFirst().orElse(parts.get(0));
        BigDecimal balance = BigDecimal.ZERO;
        BigDecimal real = BigDecimal.ZERO;
        BigDecimal conditional = BigDecimal.ZERO;
        Frozen frozen = new Frozen(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        LocalDate oldest = null;
        LocalDate newest = null;
        for (DebtSummary part : parts) {
            balance = balance.add(part.balance());
            real = real.add(part.realDebt());
            conditional = conditional.add(part.conditionalDebt());
            frozen = new Frozen(frozen.dispute().add(part.frozen().dispute()),
                    frozen.promise().add(part.frozen().promise()),
                    frozen.installment().add(part.frozen().installment()),
                    frozen.unconfirmed().add(part.frozen().unconfirmed()));
            oldest = earlier(oldest, part.oldestDueOn());
            newest = part.newestDueOn() == null || (newest != null && newest.isAfter(part.newestDueOn()))
                    ? newest : part.newestDueOn();
        }
        return new DebtSummary(own.customerId(), own.planKey(), own.minimumAmount(), balance, real, frozen,
                conditional, oldest, newest, null);
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    public boolean paidUp() {
        return realDebt.signum() == 0;
    }

    /** Whether the conditional debt is worth working under the plan. */
    public boolean worthWorking() {
        return realDebt.signum() > 0 && minimumAmount != null && conditionalDebt.compareTo(minimumAmount) >= 0;
    }
}
