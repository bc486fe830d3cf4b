package dev.dunning.restriction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dunning.restriction.ConnectorAnswer.Outcome;

/** How an answer of the billing system is taken: done, refused for good, or tried again later. */
class ConnectorAnswerTest {

    @Test
    void anySuccessStatusMeansDone() {
        for (int status : new int[] {200, 201, 202, 204}) {
            assertThat(ConnectorAnswer.of(status, "").outcome()).as("HTTP " + status).isEqualTo(Outcome.DONE);
        }
    }

    @Test
    void aClientErrorIsARefusalWithTheReceiversReason() {
        ConnectorAnswer refused = ConnectorAnswer.of(422, "{\"reason\":\"the meter is shared with a hospital\"}");

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.httpStatus()).isEqualTo(422);
        assertThat(refused.detail()).isEqualTo("HTTP 422: the meter is shared with a hospital");
        for (int status : new int[] {400, 401, 403, 404, 409, 410, 301}) {
            assertThat(ConnectorAnswer.of(status, "").outcome()).as("HTTP " + status).isEqualTo(Outcome.REFUSED);
        }
    }

    @Test
    void timeoutsThrottlingAndServerErrorsAreTriedAgain() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(ConnectorAnswer.of(status, "busy").outcome()).as("HTTP " + status).isEqualTo(Outcome.RETRY);
        }
        assertThat(ConnectorAnswer.unanswered("no answer within 15 s").outcome()).isEqualTo(Outcome.RETRY);
    }

    @Test
    void aLongOrPlainTextReasonIsKeptShortOnOneLine() {
        ConnectorAnswer answer = ConnectorAnswer.of(400, "bad\n request " + "x".repeat(1000));

        assertThat(answer.detail()).startsWith("HTTP 400: bad request x").hasSizeLessThan(320).doesNotContain("\n");
    }

    @Test
    void retriesFollowTheDelaysTheLastRepeatingUntilTheAttemptsAreSpent() {
        Connector connector = new Connector("dunning.restriction", URI.create("http://billing.example/"), "s",
                Duration.ofSeconds(5), List.of(Duration.ofMinutes(1), Duration.ofMinutes(10)), 4);

        assertThat(connector.delayAfter(1)).contains(Duration.ofMinutes(1));
        assertThat(connector.delayAfter(2)).contains(Duration.ofMinutes(10));
        assertThat(connector.delayAfter(3)).contains(Duration.ofMinutes(10));
        assertThat(connector.delayAfter(4)).isEmpty();
    }
}
