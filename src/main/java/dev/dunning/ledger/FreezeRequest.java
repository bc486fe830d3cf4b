package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * {@code {"kind":"dispute|promise|installment","amount":..,"until":"date","invoiceId":..,"reason":"..","provider":..}};
 * {@code provider}, where providers are worked separately, is the provider whose part of the debt the freeze is of
 * (a promise made in that provider's case); without it a freeze is of the invoice's provider, else of what no provider
 * billed.
 */
public record FreezeRequest(String kind, BigDecimal amount, LocalDate until, String invoiceId, String reason,
        String provider) {

    public FreezeRequest(String kind, BigDecimal amount, LocalDate until, String invoiceId, String reason) {
        this(kind, amount, until, invoiceId, reason, null);
    }
}
