package dev.dunning.ledger;

import java.math.BigDecimal;

/** The two numbers of a plan the ledger needs to tell real debt and whether it is worth working. */
public record PlanRule(String planKey, int graceDays, BigDecimal minimumAmount) {
}
