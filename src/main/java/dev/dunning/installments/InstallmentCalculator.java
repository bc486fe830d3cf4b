package dev.dunning.installments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import dev.dunning.installments.InvalidInstallmentException.FieldError;

/**
 * Works a proposal out into a schedule, or says field by field why it cannot: nothing here reads the database or
 * the clock, so the same proposal, terms, day and debt always give the same answer.
 * <p>
 * Each payment is the total divided by the number of payments, rounded <em>down</em> to the cent, and the last one
 * also takes what rounding left over, so the payments add up to the total exactly and none is smaller than the
 * ones before it (1000.00 in three: 333.33, 333.33, 333.34). Each payment is at least 0.01, because a payment of
 * nothing is no payment: 0.05 can be three payments (0.01, 0.01, 0.03), 0.02 cannot.
 * <p>
 * Payment {@code n} is due on the first date plus {@code n - 1} intervals, always counted from the first date, so a
 * monthly schedule keeps the first date's day of the month and only a shorter month clamps it to its last day
 * (Jan 31, Feb 28 or 29, Mar 31).
 */
final class InstallmentCalculator {

    static final Period DEFAULT_INTERVAL = Period.ofMonths(1);
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private InstallmentCalculator() {
    }

    /**
     * @param realDebt what the customer owes overdue today: an agreement cannot spread more than that
     * @throws InvalidInstallmentException listing every field that is wrong
     */
    static InstallmentSchedule schedule(InstallmentProposal proposal, InstallmentProperties terms, LocalDate today,
            BigDecimal realDebt) {
        List<FieldError> errors = new ArrayList<>();
        BigDecimal amount = checkAmount(proposal.amount(), realDebt, errors);
        Integer payments = checkPayments(proposal.payments(), terms, errors);
        LocalDate first = checkFirstDueOn(proposal.firstDueOn(), terms, today, errors);
        Period interval = checkInterval(proposal.interval(), errors);
        if (amount != null && payments != null
                && amount.compareTo(CENT.multiply(BigDecimal.valueOf(payments))) < 0) {
            errors.add(new FieldError("amount", amount.toPlainString() + " cannot be spread over " + payments
                    + " payments of at least 0.01"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInstallmentException(errors);
        }
        List<Installment> schedule = split(amount, payments, first, interval);
        LocalDate last = schedule.get(schedule.size() - 1).dueOn();
        LocalDate latest = today.plus(terms.maxSpan());
        if (last.isAfter(latest)) {
            throw new InvalidInstallmentException(List.of(new FieldError("payments", "the last of " + payments
                    + " payments would be due on " + last + ", later than " + latest + " (" + terms.maxSpan()
                    + " after today)")));
        }
        boolean standard = payments <= terms.standardMaxPayments()
                && !last.isAfter(today.plus(terms.standardMaxSpan()));
        return new InstallmentSchedule(amount, interval, standard, schedule);
    }

    private static List<Installment> split(BigDecimal total, int payments, LocalDate first, Period interval) {
        BigDecimal part = total.divide(BigDecimal.valueOf(payments), 2, RoundingMode.DOWN);
        BigDecimal last = total.subtract(part.multiply(BigDecimal.valueOf(payments - 1)));
        List<Installment> schedule = new ArrayList<>(payments);
        for (int number = 1; number <= payments; number++) {
            schedule.add(new Installment(number, first.plus(interval.multipliedBy(number - 1)),
                    number == payments ? last : part));
        }
        return schedule;
    }

    private static BigDecimal checkAmount(BigDecimal amount, BigDecimal realDebt, List<FieldError> errors) {
        if (amount == null) {
            errors.add(new FieldError("amount", "is required"));
            return null;
        }
        if (amount.signum() <= 0) {
            errors.add(new FieldError("amount", "must be more than zero, not " + amount.toPlainString()));
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("amount", "must have at most 2 decimals, not " + amount.toPlainString()));
            return null;
        }
        if (amount.compareTo(realDebt) > 0) {
            errors.add(new FieldError("amount", realDebt.signum() == 0
                    ? "cannot be spread: the customer has no real debt (nothing overdue past the grace period)"
                    : "must not be above the customer's real debt of " + realDebt.toPlainString()));
            return null;
        }
        return amount.setScale(2);
    }

    private static Integer checkPayments(Integer payments, InstallmentProperties terms, List<FieldError> errors) {
        if (payments == null) {
            errors.add(new FieldError("payments", "is required"));
            return null;
        }
        if (payments < 1 || payments > terms.maxPayments()) {
            errors.add(new FieldError("payments", "must be from 1 to " + terms.maxPayments() + ", not " + payments));
            return null;
        }
        return payments;
    }

    private static LocalDate checkFirstDueOn(LocalDate first, InstallmentProperties terms, LocalDate today,
            List<FieldError> errors) {
        if (first == null) {
            errors.add(new FieldError("firstDueOn", "is required"));
            return null;
        }
        if (first.isBefore(today)) {
            errors.add(new FieldError("firstDueOn", "must not be before today, " + today + ", not " + first));
            return null;
        }
        LocalDate latest = today.plus(terms.firstDueWithin());
        if (first.isAfter(latest)) {
            errors.add(new FieldError("firstDueOn", "must be at most " + terms.firstDueWithin() + " after today: "
                    + latest + " at the latest, not " + first));
            return null;
        }
        return first;
    }

    private static Period checkInterval(Period interval, List<FieldError> errors) {
        if (interval == null) {
            return DEFAULT_INTERVAL;
        }
        if (interval.isZero() || interval.isNegative()) {
            errors.add(new FieldError("interval", "must be a positive period such as P1M or P14D, not " + interval));
            return null;
        }
        return interval;
    }
}
