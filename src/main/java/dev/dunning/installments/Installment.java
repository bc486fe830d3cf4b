package dev.dunning.installments;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One payment of a schedule: the first has number 1. */
public record Installment(int number, LocalDate dueOn, BigDecimal amount) {
}
