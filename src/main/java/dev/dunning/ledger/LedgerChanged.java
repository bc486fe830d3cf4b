package dev.dunning.ledger;

import java.util.Set;

/** Published after a committed change to these customers' money (invoices, payments, freezes). */
public record LedgerChanged(Set<String> customerIds) {
}
