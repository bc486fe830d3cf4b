package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code {"kind":"dispute|promise|installment","amount":..,"until":"date","invoiceId":..,"reason":".."}} */
public record FreezeRequest(String kind, BigDecimal amount, LocalDate until, String invoiceId, String reason) {
}
