package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The outbox's metrics; the pending gauge's query runs on both databases. */
abstract class NoticeMetricsRules {

    @Autowired
    Notices notices;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry registry;
    @Autowired
    ChannelHealth health;

    private double sentByLog() {
        Counter counter = registry.find("dunning.notices").tags("channel", "log", "outcome", "sent").counter();
        return counter == null ? 0 : counter.count();
    }

    private double pendingOnLog() {
        return registry.get("dunning.notices.pending").tags("channel", "log").gauge().value();
    }

    @Test
    void aQueuedNoticeIsPendingOnItsChannelUntilItIsSentAndThenCountsAsSent() {
        time.runDueNow();
        double sent = sentByLog();
        double pending = pendingOnLog();
        String customerId = TestCustomers.insert(jdbc, null, "ru");

        notices.compose(TestCustomers.request(customerId, TestCustomers.newCaseId(), "first-reminder", clock.today()));

        assertThat(pendingOnLog()).isEqualTo(pending + 1);

        time.runDueNow();

        assertThat(pendingOnLog()).isEqualTo(pending);
        assertThat(sentByLog()).isEqualTo(sent + 1);
        assertThat(((org.springframework.boot.actuate.health.HealthIndicator) health.getContributor("log")).health()
                .getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
        assertThat(registry.get("dunning.notices").tags("channel", "log", "outcome", "sent").counter().getId()
                .getDescription()).isNotBlank();
    }
}
