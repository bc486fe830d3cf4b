package dev.dunning.channels.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where Telegram posts the bot's updates ({@code setWebhook} with {@code url=<public-url>/api/channels/telegram/webhook}
 * and {@code secret_token=<webhook-secret>}). Open to the internet, so every update must carry the secret in
 * {@code X-Telegram-Bot-Api-Secret-Token} (compared in constant time): otherwise 401 and nothing happens. Only
 * button presses ({@code callback_query}) are read; other updates are acknowledged and ignored.
 */
@RestController
@RequestMapping("/api/channels/telegram")
@ConditionalOnProperty(name = "dunning.notify.telegram.enabled", havingValue = "true")
class TelegramWebhook {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final TelegramCallbacks callbacks;
    private final ObjectMapper json;
    /** The secret's SHA-256: compared digest to digest, the time taken tells neither its letters nor its length. */
    private final byte[] secretDigest;

    TelegramWebhook(TelegramCallbacks callbacks, ObjectMapper json, TelegramProperties properties) {
        this.callbacks = callbacks;
        this.json = json;
        this.secretDigest = sha256(properties.webhookSecret());
    }

    @PostMapping("/webhook")
    ResponseEntity<?> update(@RequestHeader(name = SECRET_HEADER, required = false) String given,
            @RequestBody(required = false) String body) {
        if (given == null || !MessageDigest.isEqual(secretDigest, sha256(given))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNAUTHORIZED, "the header " + SECRET_HEADER
                            + " is missing or does not match dunning.notify.telegram.webhook-secret"));
        }
        JsonNode update;
        try {
            update = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "the update is not JSON: " + e.getOriginalMessage()));
        }
        if (update != null && update.path("callback_query").isObject()) {
            callbacks.handle(update.path("callback_query"));
        }
        return ResponseEntity.ok(Map.of());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
