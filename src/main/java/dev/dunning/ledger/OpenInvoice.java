package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An invoice with something still to pay, as a notice or a claim lists it.
 *
 * @param open what is still to pay on it after the customer's payments are allocated
 */
public record OpenInvoice(String invoiceId, String contract, String service, LocalDate dueOn, BigDecimal amount,
        BigDecimal open) {
}
