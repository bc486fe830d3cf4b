package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One invoice as the invoices registry gives it; {@code amount} has scale 2. */
record InvoiceRow(String invoiceId, String customerId, String contract, String service, LocalDate issuedOn,
        LocalDate dueOn, BigDecimal amount, String currency) {
}
