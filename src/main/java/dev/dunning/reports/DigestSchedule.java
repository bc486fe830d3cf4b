package dev.dunning.reports;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;

/**
 * Sends the digest on its schedule in business time ({@code dunning.digest.cron}, 07:30 by default, after the 06:00
 * evaluation), in simulated time too. The last run is stored in {@code scheduled_run}: exactly one node of a cluster
 * sends each day's digest (whoever moves the stored time first), and a node that was down sends one digest when it
 * returns, not one per day it missed.
 */
@Component
// Last of the work due at one instant: a digest set to the evaluation's hour reports the evaluation just run.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
class DigestSchedule implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(DigestSchedule.class);
    static final String RUN = "daily-digest";

    private final Digests digests;
    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final CronExpression cron;
    private final boolean enabled;

    DigestSchedule(Digests digests, JdbcClient jdbc, BusinessClock clock, DigestProperties properties) {
        this.digests = digests;
        this.jdbc = jdbc;
        this.clock = clock;
        this.cron = CronExpression.parse(properties.cron());
        this.enabled = properties.enabled();
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return enabled ? Optional.of(nextAfter(lastRunStored().toInstant())) : Optional.empty();
    }

    @Override
    public void runDue(Instant now) {
        if (!enabled) {
            return;
        }
        OffsetDateTime last = lastRunStored();
        if (!nextAfter(last.toInstant()).isAfter(now) && claim(last, now)) {
            try {
                digests.sendScheduled();
            } catch (RuntimeException e) {
                // The day's run is claimed: a broken template must not make every tick try again.
                log.error("The daily digest failed", e);
            }
        }
    }

    private Instant nextAfter(Instant last) {
        return cron.next(last.atZone(clock.getZone())).toInstant();
    }

    private OffsetDateTime lastRunStored() {
        return jdbc.sql("SELECT last_run_at FROM scheduled_run WHERE name = :name")
                .param("name", RUN)
                .query(OffsetDateTime.class)
                .optional()
                .orElseGet(this::startSchedule);
    }

    /** The first start of a fresh installation schedules from now on; it does not send for the past. */
    private OffsetDateTime startSchedule() {
        OffsetDateTime now = clock.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
        try {
            jdbc.sql("INSERT INTO scheduled_run (name, last_run_at) VALUES (:name, :at)")
                    .param("name", RUN).param("at", now).update();
            return now;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return jdbc.sql("SELECT last_run_at FROM scheduled_run WHERE name = :name")
                    .param("name", RUN).query(OffsetDateTime.class).single();
        }
    }

    private boolean claim(OffsetDateTime last, Instant now) {
        return jdbc.sql("UPDATE scheduled_run SET last_run_at = :now WHERE name = :name AND last_run_at = :last")
                .param("now", now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
                .param("name", RUN)
                .param("last", last)
                .update() == 1;
    }
}
