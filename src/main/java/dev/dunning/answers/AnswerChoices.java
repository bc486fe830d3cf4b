package dev.dunning.answers;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a debtor may answer today: their debt, and the dates the case's plan allows.
 *
 * @param conditionalDebt  what is asked to be paid (real debt less disputed, promised and agreed amounts)
 * @param oldestDueOn      due date of the oldest unpaid overdue invoice; null when none
 * @param payByDefault     the date offered for "I will pay by": 7 days ahead, or the plan's limit if sooner
 * @param payByLatest      today plus the plan's {@code dunning:maxPromiseDays}
 * @param postponeEarliest tomorrow
 * @param postponeLatest   today plus the plan's {@code dunning:maxPostponeDays}
 */
public record AnswerChoices(
        LocalDate today,
        BigDecimal conditionalDebt,
        LocalDate oldestDueOn,
        LocalDate payByDefault,
        LocalDate payByLatest,
        LocalDate postponeEarliest,
        LocalDate postponeLatest) {

    /** True when no debt waits for payment, so that there is nothing to promise, postpone or dispute. */
    public boolean nothingOwed() {
        return conditionalDebt.signum() <= 0;
    }
}
