package dev.dunning.ledger;

/** What recording one payment did. */
public record PaymentOutcome(String paymentId, String customerId, Result result) {

    public enum Result {
        /** A payment not known before, now stored. */
        CREATED,
        /** A known payment whose status moved from unconfirmed to confirmed. */
        CONFIRMED,
        /** The same payment as stored: nothing changed (a repeated webhook, for instance). */
        UNCHANGED
    }
}
