package dev.dunning.restriction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a connector request so that the billing system can tell it comes from Dunning and is fresh:
 * {@code X-Dunning-Signature: sha256=<hex>} is HMAC-SHA256 with the connector's secret (its UTF-8 bytes) over
 * {@code <X-Dunning-Timestamp>.<body>}, the timestamp in epoch seconds and the body's exact UTF-8 bytes. The
 * timestamp is signed so that a captured request cannot be replayed later; the receiver checks it is recent.
 */
final class RequestSigner {

    static final String REQUEST_ID = "X-Dunning-Request-Id";
    static final String TIMESTAMP = "X-Dunning-Timestamp";
    static final String SIGNATURE = "X-Dunning-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String SCHEME = "sha256=";

    private RequestSigner() {
    }

    /** The {@code X-Dunning-Signature} value of {@code body} sent at {@code timestamp}. */
    static String signature(String secret, Instant timestamp, String body) {
        return SCHEME + HexFormat.of().formatHex(mac(secret, timestamp.getEpochSecond() + "." + body));
    }

    /** Whether {@code signature} is the one of {@code body} at {@code epochSeconds}, compared in constant time. */
    static boolean verifies(String secret, String epochSeconds, String body, String signature) {
        if (signature == null || !signature.startsWith(SCHEME) || epochSeconds == null) {
            return false;
        }
        byte[] expected = mac(secret, epochSeconds + "." + body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(SCHEME.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] mac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
