package dev.dunning.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one clock of the application and of the workflow engine. Nothing else reads the wall clock.
 * <p>
 * In simulated mode time stands still until it is moved forward, and the moved time is stored so
 * that a restart continues where the simulation was instead of jumping back to the wall clock.
 * Simulated mode is for a single node (demos and tests).
 */
@Component
public class BusinessClock extends Clock {

    private final ClockMode mode;
    private final ZoneId zone;
    private final JdbcClient jdbc;
    private final AtomicReference<Instant> simulatedNow = new AtomicReference<>();

    BusinessClock(ClockProperties properties, JdbcClient jdbc) {
        this.mode = properties.mode();
        this.zone = properties.zone();
        this.jdbc = jdbc;
        if (mode == ClockMode.SIMULATED) {
            Instant stored = jdbc.sql("SELECT simulated_now FROM business_clock WHERE id = 1")
                    .query(java.time.OffsetDateTime.class).optional().map(java.time.OffsetDateTime::toInstant).orElse(null);
            Instant initial = stored != null ? stored
                    : properties.start() != null ? properties.start()
                    : Instant.now().truncatedTo(ChronoUnit.SECONDS);
            simulatedNow.set(initial);
            if (stored == null) {
                jdbc.sql("INSERT INTO business_clock (id, simulated_now) VALUES (1, :now)").param("now", initial.atOffset(java.time.ZoneOffset.UTC)).update();
            }
        }
    }

    public ClockMode mode() {
        return mode;
    }

    public boolean isSimulated() {
        return mode == ClockMode.SIMULATED;
    }

    @Override
    public Instant instant() {
        return mode == ClockMode.SIMULATED ? simulatedNow.get() : Instant.now();
    }

    public Instant now() {
        return instant();
    }

    /** The business date in the company's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), zone);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId otherZone) {
        return Clock.fixed(instant(), otherZone);
    }

    /**
     * Moves simulated time to {@code target}. Time never runs backwards: timers, outbox retries
     * and the evaluation schedule all assume it.
     */
    void moveTo(Instant target) {
        if (mode != ClockMode.SIMULATED) {
            throw new ClockNotSimulatedException();
        }
        Instant current = simulatedNow.get();
        if (target.isBefore(current)) {
            throw new IllegalArgumentException("the business clock cannot move backwards: it is " + current
                    + " and " + target + " was asked");
        }
        simulatedNow.set(target);
        jdbc.sql("UPDATE business_clock SET simulated_now = :now WHERE id = 1").param("now", target.atOffset(java.time.ZoneOffset.UTC)).update();
    }
}
