package dev.dunning.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One payment as a payment system or webhook reports it, in the words of the payments registry.
 * The values are kept as received (text) so that they pass exactly the checks a CSV row passes;
 * {@code currency} defaults to the ledger currency and {@code status} to {@code confirmed}; {@code provider}, where
 * providers are worked separately, names the provider a payment naming no invoice is for.
 */
public record PaymentSubmission(String paymentId, String customerId, String invoiceId, String paidOn, String amount,
        String currency, String status, String provider) {

    /** The values by registry column. */
    Map<String, String> byColumn() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(PaymentTable.PAYMENT_ID, paymentId);
        columns.put(PaymentTable.CUSTOMER_ID, customerId);
        columns.put(PaymentTable.INVOICE_ID, invoiceId);
        columns.put(PaymentTable.PAID_ON, paidOn);
        columns.put(PaymentTable.AMOUNT, amount);
        columns.put(PaymentTable.CURRENCY, currency);
        columns.put(PaymentTable.STATUS, status);
        columns.put(PaymentTable.PROVIDER, provider);
        return columns;
    }
}
