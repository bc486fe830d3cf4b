package dev.dunning.channels.telegram;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code telegram} health: asks the Bot API {@code getMe}, which sends nothing and costs nothing, whether the
 * bot's token works. The answer is kept for a minute, so frequent health checks do not become a stream of calls
 * (the cache is on the machine's monotonic clock: it is about load, not business time).
 * UP with the bot's user name; DOWN when Telegram refuses the token or cannot be reached.
 */
@Component("telegramHealthIndicator")
@ConditionalOnProperty(name = "dunning.notify.telegram.enabled", havingValue = "true")
class TelegramHealth implements HealthIndicator {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private final TelegramApi api;
    private Health last;
    private long askedAt;

    TelegramHealth(TelegramApi api) {
        this.api = api;
    }

    @Override
    public synchronized Health health() {
        long now = System.nanoTime();
        if (last == null || now - askedAt >= KEEP.toNanos()) {
            last = ask();
            askedAt = now;
        }
        return last;
    }

    private Health ask() {
        try {
            JsonNode me = api.call("getMe", Map.of());
            return Health.up().withDetail("bot", me.path("username").asText("?")).build();
        } catch (RuntimeException refusedOrUnreachable) {
            // Both messages name the method and status only, never the token.
            return Health.down().withDetail("error", refusedOrUnreachable.getMessage()).build();
        }
    }
}
