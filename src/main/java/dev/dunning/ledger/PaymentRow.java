package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * One payment as the payments registry gives it; {@code amount} has scale 2; {@code provider} is the provider a payment
 * is for (the provider of its invoice when it names one), or null.
 */
record PaymentRow(String paymentId, String customerId, String invoiceId, LocalDate paidOn, BigDecimal amount,
        String currency, Status status, String provider) {

    /** Unconfirmed money (reported, not cleared) is a freeze, not a payment, until it is confirmed. */
    enum Status {
        CONFIRMED, UNCONFIRMED;

        /** As written in registries and stored: {@code confirmed}, {@code unconfirmed}. */
        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Status> of(String code) {
            for (Status status : values()) {
                if (status.code().equalsIgnoreCase(code)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }
}
