package dev.dunning.channels.gateway;

import java.util.Optional;

/**
 * Phone numbers as gateways want them (E.164, {@code +79001234567}) from what billing registries hold
 * ({@code 8 (900) 123-45-67}, {@code +7 900 123 45 67}). What cannot be a phone number gives nothing, so that the
 * notice falls back to another channel instead of going to a wrong number.
 */
final class Phones {

    private Phones() {
    }

    static Optional<String> e164(String raw, String countryCode) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (!text.matches("\\+?[\\d\\s().-]+")) {
            return Optional.empty();
        }
        boolean international = text.startsWith("+") || text.startsWith("00");
        String digits = text.replaceAll("\\D", "");
        if (text.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!international) {
            String code = countryCode == null ? "" : countryCode.strip();
            if (code.isEmpty()) {
                return Optional.empty();
            }
            // Russian numbers are written with a trunk 8 in place of the country code 7.
            if (code.equals("7") && digits.length() == 11 && (digits.startsWith("8") || digits.startsWith("7"))) {
                digits = "7" + digits.substring(1);
            } else if (!(digits.startsWith(code) && digits.length() > 10)) {
                digits = code + digits.replaceFirst("^0", "");
            }
        }
        return digits.length() >= 8 && digits.length() <= 15 && !digits.startsWith("0")
                ? Optional.of("+" + digits) : Optional.empty();
    }
}
