package dev.dunning.answers;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link AnswerToken} into the last part of an answer link and back.
 * <p>
 * A token is base64url (no padding) of a small binary payload followed by its HMAC-SHA256, cut to
 * {@value #MAC_BYTES} bytes (128 bits, as RFC 2104 section 5 allows): a version byte, the action's tag,
 * the expiry in epoch seconds (4 bytes, unsigned), then notice id, customer id, case id and channel, each a
 * UUID in 16 bytes or UTF-8 text with its length. A token is about 95 characters, short enough for an SMS.
 * The signature is checked in constant time before anything in the payload is believed.
 */
@Component
class AnswerTokens {

    static final int MAC_BYTES = 16;
    static final int MAX_TOKEN_LENGTH = 800;
    private static final byte VERSION = 1;
    private static final byte ABSENT = 0;
    private static final byte UUID_BYTES = 1;
    private static final byte TEXT = 2;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Keyed once; each use takes a clone, so that no two threads share one and none pays for a provider look-up. */
    private final Mac keyedMac;

    @Autowired
    AnswerTokens(AnswerKey key) {
        this(key.bytes());
    }

    AnswerTokens(byte[] key) {
        try {
            this.keyedMac = Mac.getInstance(ALGORITHM);
            keyedMac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /** A link is unusable: not made by us, changed, or cut. Says nothing more, on purpose. */
    static final class InvalidTokenException extends RuntimeException {

        InvalidTokenException(String message) {
            super(message);
        }
    }

    String sign(AnswerToken token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(token.action().tag());
            long seconds = token.expiresAt().getEpochSecond();
            if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("an answer link cannot expire at " + token.expiresAt());
            }
            out.writeInt((int) seconds);
            writeId(out, token.noticeId());
            writeId(out, token.customerId());
            writeId(out, token.caseId());
            writeId(out, token.channel());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        byte[] signed = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac(payload), 0, signed, payload.length, MAC_BYTES);
        return ENCODER.encodeToString(signed);
    }

    /**
     * Reads a token whose signature is ours. Expiry is the caller's to check ({@link AnswerToken#expiredAt}).
     *
     * @throws InvalidTokenException when the token was not made with our key, was changed, or is not a token
     */
    AnswerToken read(String text) {
        if (text == null || text.length() > MAX_TOKEN_LENGTH || !BASE64URL.matcher(text).matches()) {
            throw new InvalidTokenException("not an answer link");
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("not an answer link");
        }
        // The decoder ignores stray bits of the last character; only the one spelling we made is accepted.
        if (signed.length <= MAC_BYTES || !ENCODER.encodeToString(signed).equals(text)) {
            throw new InvalidTokenException("not an answer link");
        }
        byte[] payload = Arrays.copyOf(signed, signed.length - MAC_BYTES);
        byte[] given = Arrays.copyOfRange(signed, signed.length - MAC_BYTES, signed.length);
        if (!MessageDigest.isEqual(Arrays.copyOf(mac(payload), MAC_BYTES), given)) {
            throw new InvalidTokenException("the answer link's signature does not match");
        }
        return parse(payload);
    }

    /**
     * A short one-way fingerprint of any text given as a link, for logs: it tells repeated tries of one link apart
     * without writing down the link, which may be a real one cut short.
     */
    static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The id a used link is remembered by: its signature. */
    static String idOf(String text) {
        byte[] signed = Base64.getUrlDecoder().decode(text);
        return ENCODER.encodeToString(Arrays.copyOfRange(signed, signed.length - MAC_BYTES, signed.length));
    }

    private static AnswerToken parse(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                throw new InvalidTokenException("an answer link of an unknown version");
            }
            DebtorAction action = DebtorAction.ofTag(in.readByte())
                    .orElseThrow(() -> new InvalidTokenException("an answer link with an unknown action"));
            Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(in.readInt()));
            String noticeId = readId(in);
            String customerId = readId(in);
            String caseId = readId(in);
            String channel = readId(in);
            if (in.available() > 0) {
                throw new InvalidTokenException("an answer link with trailing bytes");
            }
            return new AnswerToken(noticeId, customerId, caseId, action, channel, expiresAt);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidTokenException("an answer link that cannot be read");
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            return ((Mac) keyedMac.clone()).doFinal(payload);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's HMAC-SHA256 cannot be copied", e);
        }
    }

    private static void writeId(DataOutputStream out, String id) throws IOException {
        if (id == null) {
            out.writeByte(ABSENT);
        } else if (CANONICAL_UUID.matcher(id).matches()) {
            UUID uuid = UUID.fromString(id);
            out.writeByte(UUID_BYTES);
            out.write(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array());
        } else {
            byte[] text = id.getBytes(StandardCharsets.UTF_8);
            if (text.length > 255) {
                throw new IllegalArgumentException("an id in an answer link has at most 255 bytes, not " + text.length);
            }
            out.writeByte(TEXT);
            out.writeByte(text.length);
            out.write(text);
        }
    }

    private static String readId(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case ABSENT:
                return null;
            case UUID_BYTES:
                return new UUID(in.readLong(), in.readLong()).toString();
            case TEXT:
                byte[] text = new byte[in.readUnsignedByte()];
                in.readFully(text);
                return new String(text, StandardCharsets.UTF_8);
            default:
                throw new InvalidTokenException("an answer link with an unknown field");
        }
    }
}
