package dev.dunning.restriction;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one attempt gave: the billing system did it (2xx); refused it for good (any other 4xx but 408 and 429, and
 * 3xx, since Dunning follows no redirects: another attempt would get the same answer); or no answer worth keeping
 * yet (5xx, 408, 429, a timeout, no connection), so the request is sent again later.
 *
 * @param httpStatus the status, or null when no answer came
 * @param detail     the status and the receiver's short reason, for the timeline and the managers
 */
record ConnectorAnswer(Outcome outcome, Integer httpStatus, String detail) {

    enum Outcome {
        DONE("done"), REFUSED("refused"), RETRY("retry");

        final String code;

        Outcome(String code) {
            this.code = code;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> PASSING = Set.of(408, 429);
    private static final int MAX_REASON = 300;

    static ConnectorAnswer of(int status, String body) {
        String detail = "HTTP " + status + reason(body);
        if (status >= 200 && status < 300) {
            return new ConnectorAnswer(Outcome.DONE, status, detail);
        }
        if ((status >= 300 && status < 500) && !PASSING.contains(status)) {
            return new ConnectorAnswer(Outcome.REFUSED, status, detail);
        }
        return new ConnectorAnswer(Outcome.RETRY, status, detail);
    }

    static ConnectorAnswer unanswered(String why) {
        return new ConnectorAnswer(Outcome.RETRY, null, why);
    }

    /** The receiver's reason from a JSON answer ({@code reason}, {@code message}, {@code error}), or its text. */
    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        try {
            JsonNode answer = JSON.readTree(text);
            if (answer != null && answer.isObject()) {
                text = null;
                for (String field : new String[] {"reason", "message", "error", "code"}) {
                    JsonNode value = answer.get(field);
                    if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                        text = value.asText().strip();
                        break;
                    }
                }
                if (text == null) {
                    return "";
                }
            }
        } catch (java.io.IOException notJson) {
            // a plain text answer is its own reason
        }
        text = text.replaceAll("\\s+", " ");
        return ": " + (text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…");
    }
}
