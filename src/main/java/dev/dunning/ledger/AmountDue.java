package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a customer still has to pay on one date: the unpaid part of the invoices due that day (after
 * the payments allocated to them, less what is disputed) plus the unpaid part of an installment due
 * that day.
 *
 * @param group the customer's group, which decides whether and how they are reminded
 */
public record AmountDue(String customerId, String group, LocalDate dueOn, BigDecimal amount) {
}
