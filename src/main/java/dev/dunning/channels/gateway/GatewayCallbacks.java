package dev.dunning.channels.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.notify.DeliveryReport;
import dev.dunning.notify.Notices;

/**
 * Gateways' reports: delivery receipts ({@code POST /api/channels/sms/status}, {@code .../messenger/status}) and
 * the voice robot's call results ({@code POST /api/channels/voice/callback}). No login: the gateway sends the
 * channel's {@code callback-token} in {@code callback-header} (compared in constant time); without it, or on a channel
 * with no token set, 401 and nothing is recorded. A report for a message not recorded as sent yet
 * answers 404, and gateways send it again later.
 */
@RestController
class GatewayCallbacks {

    private static final Set<String> CHANNELS = Set.of(GatewayChannels.SMS, GatewayChannels.MESSENGER, GatewayChannels.VOICE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Environment environment;
    private final Notices notices;
    private final Map<String, GatewaySettings> settings = new ConcurrentHashMap<>();

    GatewayCallbacks(Environment environment, Notices notices) {
        this.environment = environment;
        this.notices = notices;
    }

    @PostMapping({"/api/channels/{channel}/status", "/api/channels/{channel}/callback"})
    ResponseEntity<?> report(@PathVariable("channel") String channel,
            @RequestHeader Map<String, String> headers, @RequestBody(required = false) String body) {
        if (!CHANNELS.contains(channel) || !environment.getProperty("dunning.notify." + channel + ".enabled",
                Boolean.class, false)) {
            return problem(HttpStatus.NOT_FOUND, "no gateway channel " + channel + " is switched on");
        }
        GatewaySettings gateway = settings.computeIfAbsent(channel, name -> GatewayChannels.settings(environment, name));
        String token = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(gateway.callbackHeader()))
                .map(Map.Entry::getValue).findFirst().orElse("");
        // A channel without a token takes no report; digests are compared so that the time taken tells neither the
        // token's letters nor its length.
        if (gateway.callbackToken() == null || gateway.callbackToken().isBlank()
                || !MessageDigest.isEqual(sha256(token), sha256(gateway.callbackToken()))) {
            return problem(HttpStatus.UNAUTHORIZED, "the report lacks the channel's callback token in "
                    + gateway.callbackHeader());
        }
        Map<String, String> fields = parse(body == null ? "" : body, gateway);
        String ref = fields.get("ref");
        String status = fields.get("status");
        if (ref == null || ref.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "the report has no " + gateway.callbackRef());
        }
        if (status == null || status.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "the report has no " + gateway.callbackStatus());
        }
        String outcome = gateway.statuses().get(status);
        if (outcome == null) {
            return ResponseEntity.noContent().build(); // an intermediate status (queued, sent): nothing to record
        }
        notices.report(new DeliveryReport(channel, ref, outcome, gateway.failedOutcomes().contains(outcome),
                "gateway status " + status));
        return ResponseEntity.noContent().build();
    }

    private static Map<String, String> parse(String body, GatewaySettings gateway) {
        Map<String, String> fields = new HashMap<>();
        if (gateway.callbackFormat().equals("json")) {
            JsonNode report;
            try {
                report = JSON.readTree(body.isBlank() ? "{}" : body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the report is not JSON: " + e.getOriginalMessage());
            }
            fields.put("ref", text(report, gateway.callbackRef()));
            fields.put("status", text(report, gateway.callbackStatus()));
            return fields;
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        fields.put("ref", form.get(gateway.callbackRef()));
        fields.put("status", form.get(gateway.callbackStatus()));
        return fields;
    }

    private static String text(JsonNode report, String field) {
        if (field == null) {
            return null;
        }
        JsonNode value = field.startsWith("/") ? report.at(field) : report.get(field);
        return value == null || value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
