package dev.dunning.channels.gateway;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dunning.notify.Delivery;
import dev.dunning.notify.OutgoingNotice;
import dev.dunning.notify.PermanentDeliveryFailure;

/**
 * Posts notices to an HTTP gateway as its settings describe, and reads the gateway's id for the message from the
 * answer. 2xx is accepted; 400, 401, 403, 404, 410 and 422 will not change on a retry (the notice falls back to
 * the step's next channel); anything else, timeouts and refused connections are passing failures, retried.
 * Failure messages carry the status and the gateway's error code, never the address or the body sent.
 */
final class HttpGateway {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<Integer> PERMANENT = java.util.Set.of(400, 401, 403, 404, 410, 422);

    private final String channel;
    private final GatewaySettings settings;
    private final HttpClient client;

    HttpGateway(String channel, GatewaySettings settings) {
        this.channel = channel;
        this.settings = settings;
        // JDK client: no extra dependency, HTTP/1.1 and 2, connect and request timeouts, thread-safe and pooled.
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends the notice with {@code values} for the field placeholders; returns the gateway's id for it. */
    Delivery send(OutgoingNotice notice, Map<String, String> values) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(settings.readTimeout());
        String body;
        if (settings.format().equals("json")) {
            request.header("Content-Type", "application/json");
            body = json(values);
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded");
            body = form(values);
        }
        request.header("Accept", "application/json");
        authorize(request);
        if (settings.idempotencyHeader() != null && !settings.idempotencyHeader().isBlank()) {
            request.header(settings.idempotencyHeader().strip(), notice.dedupeKey());
        }
        request.method(settings.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GatewayUnavailableException(channel + " gateway did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(channel + " gateway call was interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Delivery(providerRef(response.body()));
        }
        String reason = channel + " gateway answered " + status + errorCode(response.body());
        if (PERMANENT.contains(status)) {
            throw new PermanentDeliveryFailure(reason);
        }
        throw new GatewayUnavailableException(reason);
    }

    private void authorize(HttpRequest.Builder request) {
        switch (settings.auth()) {
            case "basic" -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)));
            case "bearer" -> request.header("Authorization", "Bearer " + settings.token());
            case "header" -> request.header(settings.headerName().strip(), settings.headerValue());
            default -> {
            }
        }
    }

    private String form(Map<String, String> values) {
        StringJoiner form = new StringJoiner("&");
        new TreeMap<>(settings.fields()).forEach((name, template) -> form.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(fill(template, values), StandardCharsets.UTF_8)));
        return form.toString();
    }

    private String json(Map<String, String> values) {
        ObjectNode root = JSON.createObjectNode();
        new TreeMap<>(settings.fields()).forEach((name, template) -> {
            String[] path = name.split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
            }
            parent.put(path[path.length - 1], fill(template, values));
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a gateway request could not be written", e);
        }
    }

    /** Replaces each {@code {name}} in a field's template; an unknown placeholder stays as written. */
    static String fill(String template, Map<String, String> values) {
        StringBuilder filled = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                filled.append(template, at, template.length());
                break;
            }
            String name = template.substring(open + 1, close);
            filled.append(template, at, open).append(values.containsKey(name) ? values.get(name) : "{" + name + "}");
            at = close + 1;
        }
        return filled.toString();
    }

    private String providerRef(String body) {
        if (settings.providerRef() == null || settings.providerRef().isBlank() || body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode id = JSON.readTree(body).at(settings.providerRef().strip());
            return id.isMissingNode() || id.isNull() ? null : id.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The gateway's own error code, if its answer is JSON with one; never the message, which may quote the number. */
    private static String errorCode(String body) {
        try {
            JsonNode answer = JSON.readTree(body == null ? "" : body);
            for (String field : new String[] {"code", "error_code", "errorCode", "error"}) {
                JsonNode code = answer == null ? null : answer.get(field);
                if (code != null && code.isValueNode() && code.asText().matches("[\\w.-]{1,40}")) {
                    return " (code " + code.asText() + ")";
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: nothing to add
        }
        return "";
    }

    /** The gateway could not take the notice now; the outbox tries again later. */
    static final class GatewayUnavailableException extends RuntimeException {

        GatewayUnavailableException(String message) {
            super(message);
        }
    }
}
