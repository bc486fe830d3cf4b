package dev.dunning.payments;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a debtor can pay what a notice asks: a QR code for a banking app, a payment link, or both.
 *
 * @param amount    what to pay, to the kopeck
 * @param purpose   the payment's purpose, as the QR code carries it
 * @param payeeName who receives the payment, when there is a QR code
 * @param link      where to pay online, or null
 * @param qrPayload the GOST R 56042 payload of the QR code, or null; personal data (it names the payer's account):
 *                  never log it
 */
public record PaymentOffer(BigDecimal amount, String purpose, String payeeName, String link, String qrPayload) {

    /** Whether there is a QR code to print. */
    public boolean hasQrCode() {
        return qrPayload != null;
    }

    /** The QR code as PNG; call only when {@link #hasQrCode()}. */
    public byte[] qrPng() {
        return PaymentQrCode.png(GostPayload.bytesOf(qrPayload));
    }

    /** The QR code as a PNG data URI for an {@code <img>}; call only when {@link #hasQrCode()}. */
    public String qrPngDataUri() {
        return PaymentQrCode.pngDataUri(GostPayload.bytesOf(qrPayload));
    }

    /**
     * The offer as a notice template sees it, {@code payment.amount}, {@code payment.purpose}, and when present
     * {@code payment.payeeName}, {@code payment.link} and {@code payment.qrPayload}: text and an amount only, so
     * a notice can store it with its model.
     */
    public Map<String, Object> toModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("amount", amount);
        model.put("purpose", purpose);
        if (payeeName != null) {
            model.put("payeeName", payeeName);
        }
        if (link != null) {
            model.put("link", link);
        }
        if (qrPayload != null) {
            model.put("qrPayload", qrPayload);
        }
        return model;
    }

    /** The offer a notice model holds as {@code payment}, if any. */
    public static Optional<PaymentOffer> fromModel(Object payment) {
        if (!(payment instanceof Map<?, ?> fields) || !(fields.get("amount") instanceof BigDecimal amount)
                || !(fields.get("purpose") instanceof String purpose)) {
            return Optional.empty();
        }
        return Optional.of(new PaymentOffer(amount, purpose, text(fields.get("payeeName")), text(fields.get("link")),
                text(fields.get("qrPayload"))));
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }

    @Override
    public String toString() {
        // The payload and the purpose name the debtor's account: an offer printed in a log shows neither.
        return "PaymentOffer[amount=" + amount + ", link=" + (link != null) + ", qrCode=" + hasQrCode() + "]";
    }
}
