package dev.dunning.installments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;

/**
 * What a collector offers the debtor: {@code amount} spread over {@code payments} equal payments, the first due on
 * {@code firstDueOn} and each next one {@code interval} later (a month when not given). Missing values are reported
 * by {@link Installments} as {@link InvalidInstallmentException}s, field by field.
 *
 * @param note what the collector and the debtor agreed on, for the manager who approves and for the timeline
 */
public record InstallmentProposal(BigDecimal amount, Integer payments, LocalDate firstDueOn, Period interval,
        String note) {
}
