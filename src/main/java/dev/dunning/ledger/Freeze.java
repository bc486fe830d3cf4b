package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An amount taken out of work until a date or until lifted: a dispute, a promise, an installment agreement. */
public record Freeze(
        String freezeId,
        String customerId,
        String kind,
        BigDecimal amount,
        LocalDate until,
        String invoiceId,
        String reason,
        LocalDate createdOn,
        String createdBy,
        Instant liftedAt,
        String liftedBy) {
}
