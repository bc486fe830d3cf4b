package dev.dunning.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dunning.metrics.AfterCommit;
import dev.dunning.metrics.CountGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox's metrics: {@code dunning.notices} counts what happened to a notice at a channel ({@code outcome}:
 * sent, retried, deferred, rerouted to the step's next channel, failed, suppressed, uncertain), once committed;
 * {@code dunning.notices.pending} is the gauge of notices waiting to go, per channel.
 */
@Component
class NoticeMetrics {

    static final String SENT = "sent";
    static final String RETRIED = "retried";
    static final String DEFERRED = "deferred";
    static final String REROUTED = "rerouted";

    private final MeterRegistry registry;

    NoticeMetrics(MeterRegistry registry, CountGauges gauges, JdbcClient jdbc, Channels channels) {
        this.registry = registry;
        // Only waiting notices have a next attempt, so this reads the start of notice_delivery_due, not the table.
        gauges.register("dunning.notices.pending", "Notices waiting to be sent (due or deferred), per channel",
                List.of("channel"), channels.enabledNames().stream().map(List::of).toList(), () -> {
                    Map<List<String>, Long> counts = new HashMap<>();
                    jdbc.sql("""
                            SELECT n.channel, COUNT(*) AS notices
                            FROM notice_delivery d JOIN notice n ON n.notice_id = d.notice_id
                            WHERE d.next_attempt_at IS NOT NULL AND d.status = 'pending'
                            GROUP BY n.channel""")
                            .query((rs, row) -> counts.put(List.of(rs.getString("channel")), rs.getLong("notices")))
                            .list();
                    return counts;
                });
    }

    /** Counts {@code notices} notices on {@code channel} with {@code outcome}, once the transaction commits. */
    void count(String channel, String outcome, int notices) {
        if (notices <= 0) {
            return;
        }
        AfterCommit.run(() -> Counter.builder("dunning.notices")
                .description("What happened to notices at their channel: sent, retried, deferred, rerouted, failed, "
                        + "suppressed, uncertain")
                .tag("channel", channel).tag("outcome", outcome).register(registry).increment(notices));
    }

    void count(String channel, String outcome) {
        count(channel, outcome, 1);
    }
}
