package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import dev.dunning.support.DunningTest;

@DunningTest
class ChannelHealthTest {

    private static final Instant NOW = Instant.parse("2026-03-02T05:00:00Z");

    @Autowired
    Channels channels;

    private static Status status(ChannelHealth health, String channel) {
        return ((HealthIndicator) health.getContributor(channel)).health().getStatus();
    }

    @Test
    void aChannelIsUnknownUntilTriedUpOnceAcceptedAndDownAfterThreePassingFailuresInARow() {
        ChannelHealth health = new ChannelHealth(channels);
        assertThat(status(health, "log")).isEqualTo(Status.UNKNOWN);

        health.accepted("log", NOW);
        assertThat(status(health, "log")).isEqualTo(Status.UP);

        health.failed("log", NOW.plusSeconds(1), "timeout");
        health.failed("log", NOW.plusSeconds(2), "timeout");
        assertThat(status(health, "log")).isEqualTo(Status.UP);
        health.failed("log", NOW.plusSeconds(3), "timeout");
        assertThat(status(health, "log")).isEqualTo(Status.DOWN);
        assertThat(((HealthIndicator) health.getContributor("log")).health().getDetails())
                .containsEntry("failuresInARow", 3).containsEntry("lastError", "timeout");

        health.accepted("log", NOW.plusSeconds(4));
        assertThat(status(health, "log")).isEqualTo(Status.UP);
    }

    @Test
    void onlyEnabledChannelsHaveAnEntry() {
        ChannelHealth health = new ChannelHealth(channels);

        assertThat(health.getContributor("log")).isNotNull();
        assertThat(health.getContributor("sms")).isNull();
    }
}
