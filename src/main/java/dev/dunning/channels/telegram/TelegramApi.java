package dev.dunning.channels.telegram;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.notify.PermanentDeliveryFailure;

/**
 * Calls Bot API methods ({@code POST <api-url>/bot<token>/<method>} with a JSON body) through Spring's
 * {@link RestClient} on the JDK's HttpClient. Telegram answers {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error_code":..,"description":..,"parameters":{"retry_after":..}}}: 400 and 403 (chat not
 * found, bot blocked by the user) cannot succeed later and are {@link PermanentDeliveryFailure}s; 429, 5xx and
 * everything else are {@link TelegramUnavailableException}s, tried again later. The token is in the address, so
 * no failure carries the address: only the status, Telegram's description and the cause's class.
 */
@Component
@ConditionalOnProperty(name = "dunning.notify.telegram.enabled", havingValue = "true")
class TelegramApi {

    private final RestClient client;
    private final ObjectMapper json;
    private final String token;

    TelegramApi(TelegramProperties properties, RestClient.Builder builder, ObjectMapper json) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.timeout());
        this.client = builder.baseUrl(properties.apiUrl().toString()).requestFactory(requests).build();
        this.json = json;
        this.token = properties.botToken();
    }

    private record Reply(int status, JsonNode body) {
    }

    /** Calls {@code method}; returns its {@code result}. */
    JsonNode call(String method, Map<String, Object> request) {
        Reply reply;
        try {
            reply = client.post()
                    .uri("/bot{token}/{method}", token, method)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(request)
                    .exchange((sent, response) -> new Reply(response.getStatusCode().value(), read(response.getBody().readAllBytes())));
        } catch (RestClientException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            // Not chained to e: its message holds the address, and the address holds the token.
            throw new TelegramUnavailableException("the Telegram Bot API cannot be reached for " + method + " ("
                    + root.getClass().getSimpleName() + ")", null, root == e ? null : root);
        }
        JsonNode body = reply.body();
        if (reply.status() / 100 == 2 && body != null && body.path("ok").asBoolean(false)) {
            return body.path("result");
        }
        int code = body != null && body.path("error_code").canConvertToInt() ? body.path("error_code").asInt() : reply.status();
        String description = body == null ? "no JSON answer" : body.path("description").asText("no description");
        description = description.length() > 200 ? description.substring(0, 200) : description;
        if (code == 400 || code == 403) {
            throw new PermanentDeliveryFailure("Telegram refused " + method + ": " + code + " " + description);
        }
        Duration retryAfter = body != null && body.path("parameters").path("retry_after").canConvertToLong()
                ? Duration.ofSeconds(body.path("parameters").path("retry_after").asLong()) : null;
        throw new TelegramUnavailableException("Telegram answered " + method + " with " + code + " " + description
                + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"), retryAfter, null);
    }

    private JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (IOException notJson) {
            return null; // a proxy's HTML error page: the status decides
        }
    }
}
