package dev.dunning.restriction;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Posts one signed request to a connector and classifies the answer. The JDK client, as the notice gateways use:
 * no extra dependency, pooled, thread-safe; redirects are not followed, so a request and its signature go only
 * where the settings say.
 */
@Component
class ConnectorClient {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    ConnectorAnswer post(Connector connector, String requestId, String body, Instant timestamp) {
        HttpRequest request = HttpRequest.newBuilder(connector.url())
                .timeout(connector.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(RequestSigner.REQUEST_ID, requestId)
                .header(RequestSigner.TIMESTAMP, Long.toString(timestamp.getEpochSecond()))
                .header(RequestSigner.SIGNATURE, RequestSigner.signature(connector.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return ConnectorAnswer.of(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            return ConnectorAnswer.unanswered("no answer within " + connector.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return ConnectorAnswer.unanswered("could not reach the connector: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectorAnswer.unanswered("the attempt was interrupted");
        }
    }
}
