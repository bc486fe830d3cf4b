package dev.dunning.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code channels} health: one entry per enabled channel, judged by what this node's last attempts on it did,
 * so that a health check never sends anything nor calls a provider. A channel is UNKNOWN until this node tried it,
 * UP once the provider accepted a notice, DOWN after {@value #FAILURES_FOR_DOWN} passing failures in a row (a
 * timeout, a 5xx). Failures that trying again cannot help (a refused address, a broken template) say nothing about
 * the provider and leave the status as it was.
 */
@Component("channelsHealthContributor")
class ChannelHealth implements CompositeHealthContributor {

    static final int FAILURES_FOR_DOWN = 3;

    private final Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
    private final Map<String, Tried> tried = new ConcurrentHashMap<>();

    private record Tried(Instant lastSuccess, Instant lastFailure, int failuresInARow, String lastError) {
    }

    ChannelHealth(Channels channels) {
        for (String channel : channels.enabledNames()) {
            indicators.put(channel, () -> health(channel));
        }
    }

    void accepted(String channel, Instant at) {
        tried.compute(channel, (name, before) -> new Tried(at, before == null ? null : before.lastFailure(), 0,
                before == null ? null : before.lastError()));
    }

    void failed(String channel, Instant at, String error) {
        tried.compute(channel, (name, before) -> new Tried(before == null ? null : before.lastSuccess(), at,
                before == null ? 1 : before.failuresInARow() + 1, error));
    }

    private Health health(String channel) {
        Tried state = tried.get(channel);
        if (state == null) {
            return Health.unknown().withDetail("reason", "not tried on this node since it started").build();
        }
        Health.Builder health = state.failuresInARow() >= FAILURES_FOR_DOWN ? Health.down()
                : state.lastSuccess() != null ? Health.up() : Health.unknown();
        health.withDetail("failuresInARow", state.failuresInARow());
        if (state.lastSuccess() != null) {
            health.withDetail("lastAccepted", state.lastSuccess().toString());
        }
        if (state.lastFailure() != null) {
            health.withDetail("lastFailure", state.lastFailure().toString());
            health.withDetail("lastError", state.lastError());
        }
        return health.build();
    }

    @Override
    public HealthContributor getContributor(String name) {
        return indicators.get(name);
    }

    @Override
    public java.util.Iterator<org.springframework.boot.actuate.health.NamedContributor<HealthContributor>> iterator() {
        return indicators.entrySet().stream()
                .map(entry -> org.springframework.boot.actuate.health.NamedContributor.<HealthContributor>of(
                        entry.getKey(), entry.getValue()))
                .iterator();
    }
}
