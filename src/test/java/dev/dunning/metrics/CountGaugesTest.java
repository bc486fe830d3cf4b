package dev.dunning.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class CountGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final CountGauges gauges = new CountGauges(registry, Duration.ofSeconds(30), nanos::get);
    private final Map<List<String>, Long> rows = new HashMap<>();
    private final AtomicInteger queries = new AtomicInteger();

    private double value(String status, String stage) {
        return registry.get("test.cases").tags("status", status, "stage", stage).gauge().value();
    }

    private void register() {
        gauges.register("test.cases", "cases", List.of("status", "stage"), List.of(Arrays.asList("open", null)), () -> {
            queries.incrementAndGet();
            return Map.copyOf(rows);
        });
    }

    @Test
    void theGaugesOfAFamilyShareOneQueryPerCachePeriod() {
        rows.put(Arrays.asList("open", null), 3L);
        rows.put(List.of("open", "call"), 5L);
        register();
        gauges.readAll();

        assertThat(value("open", "none")).isEqualTo(3);
        assertThat(value("open", "call")).isEqualTo(5);
        assertThat(queries).hasValue(1);

        rows.put(List.of("open", "call"), 6L);
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(value("open", "call")).isEqualTo(5);
        assertThat(queries).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(value("open", "call")).isEqualTo(6);
        assertThat(value("open", "none")).isEqualTo(3);
        assertThat(queries).hasValue(2);
    }

    @Test
    void aCombinationThatNoLongerOccursStaysAtZeroAndANewOneGetsItsGauge() {
        rows.put(List.of("open", "call"), 5L);
        register();
        gauges.readAll();

        rows.clear();
        rows.put(List.of("suspended", "legal"), 2L);
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(value("open", "call")).isZero();
        assertThat(value("suspended", "legal")).isEqualTo(2);
    }

    @Test
    void aFailingQueryKeepsTheLastCountsInsteadOfFailingTheScrape() {
        rows.put(List.of("open", "call"), 5L);
        AtomicInteger calls = new AtomicInteger();
        gauges.register("test.cases", "cases", List.of("status", "stage"), List.of(), () -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("database away");
            }
            return Map.copyOf(rows);
        });
        gauges.readAll();
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(value("open", "call")).isEqualTo(5);
    }
}
