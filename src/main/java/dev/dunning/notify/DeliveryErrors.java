package dev.dunning.notify;

import java.util.regex.Pattern;

/**
 * Turns a delivery failure into the short {@code last_error} an admin reads. Mail servers like to quote
 * the recipient ({@code 550 <ivan@example.org> unknown}), so anything that looks like an address or a
 * phone number is masked: personal data stays in the recipient column.
 */
final class DeliveryErrors {

    static final int MAX_LENGTH = 300;

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"']*@[^\\s<>()\\[\\],;:\"']*");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()-]{7,}\\d");

    private DeliveryErrors() {
    }

    static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String summary = root.getClass().getSimpleName() + message;
        if (root != failure && failure.getMessage() != null) {
            summary = failure.getClass().getSimpleName() + " (" + summary + ")";
        }
        return clean(summary);
    }

    /** Masks addresses and phone numbers in a provider's text and keeps it short; null stays null. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String summary = PHONE.matcher(ADDRESS.matcher(text).replaceAll("<address>")).replaceAll("<number>")
                .replaceAll("\\s+", " ").strip();
        return summary.length() <= MAX_LENGTH ? summary : summary.substring(0, MAX_LENGTH - 1) + "…";
    }
}
