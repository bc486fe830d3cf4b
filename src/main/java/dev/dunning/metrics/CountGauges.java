package dev.dunning.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Gauges of counts that live in the database (cases by status, notices waiting per channel, dead jobs). A scrape
 * must not cost a query per gauge, nor a query at all every few seconds when several Prometheus servers scrape every
 * node: each family of counts is read with one grouped query at most once per {@code dunning.metrics.counts-cached-for}
 * (30 s by default), and the gauges read that snapshot. A combination of tags seen once keeps its gauge, at 0 when
 * it no longer occurs, so that a series does not vanish from graphs when its last case moves on.
 * <p>
 * The cache runs on the machine's monotonic clock, not on business time: it is about load on the database, and
 * simulated business time jumps.
 */
@Component
public class CountGauges {

    private static final Logger log = LoggerFactory.getLogger(CountGauges.class);

    private final MeterRegistry registry;
    private final Duration cacheFor;
    private final LongSupplier nanoTime;
    private final List<Family> families = new CopyOnWriteArrayList<>();

    @Autowired
    public CountGauges(MeterRegistry registry, @Value("${dunning.metrics.counts-cached-for:PT30S}") Duration cacheFor) {
        this(registry, cacheFor, System::nanoTime);
    }

    CountGauges(MeterRegistry registry, Duration cacheFor, LongSupplier nanoTime) {
        this.registry = registry;
        this.cacheFor = cacheFor;
        this.nanoTime = nanoTime;
    }

    /**
     * Registers the gauge family {@code name}: {@code counts} answers, with one query, the count for each combination
     * of values of {@code tagKeys} (a key is the list of values in the order of {@code tagKeys}). Gauges for
     * {@code knownKeys} exist from the start; others appear once the query has returned them.
     */
    public void register(String name, String description, List<String> tagKeys, List<List<String>> knownKeys,
            Supplier<Map<List<String>, Long>> counts) {
        Family family = new Family(name, description, List.copyOf(tagKeys), counts);
        families.add(family);
        knownKeys.forEach(family::ensureGauge);
    }

    /** Reads every family once the application runs (the schema is migrated by then), so their gauges exist. */
    @EventListener(ApplicationReadyEvent.class)
    public void readAll() {
        families.forEach(Family::refreshIfStale);
    }

    private final class Family {

        private final String name;
        private final String description;
        private final List<String> tagKeys;
        private final Supplier<Map<List<String>, Long>> counts;
        private final Set<List<String>> registered = ConcurrentHashMap.newKeySet();
        private volatile Map<List<String>, Long> snapshot = Map.of();
        private volatile long readAt;
        private volatile boolean read;

        Family(String name, String description, List<String> tagKeys, Supplier<Map<List<String>, Long>> counts) {
            this.name = name;
            this.description = description;
            this.tagKeys = tagKeys;
            this.counts = counts;
        }

        double value(List<String> key) {
            refreshIfStale();
            return snapshot.getOrDefault(key, 0L);
        }

        synchronized void refreshIfStale() {
            long now = nanoTime.getAsLong();
            if (read && now - readAt < cacheFor.toNanos()) {
                return;
            }
            try {
                snapshot = Map.copyOf(counts.get());
            } catch (RuntimeException e) {
                // A scrape must not fail because the database is away; the health endpoint says that.
                log.warn("Could not read the counts for gauge {}: {}", name, e.toString());
            }
            readAt = now;
            read = true;
            new ArrayList<>(snapshot.keySet()).forEach(this::ensureGauge);
        }

        void ensureGauge(List<String> key) {
            if (key.size() != tagKeys.size()) {
                throw new IllegalArgumentException("gauge " + name + " has tags " + tagKeys + ", not values " + key);
            }
            if (!registered.add(key)) {
                return;
            }
            Tags tags = Tags.empty();
            for (int i = 0; i < tagKeys.size(); i++) {
                tags = tags.and(tagKeys.get(i), key.get(i) == null ? "none" : key.get(i));
            }
            Gauge.builder(name, this, family -> family.value(key))
                    .description(description)
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
        }
    }
}
