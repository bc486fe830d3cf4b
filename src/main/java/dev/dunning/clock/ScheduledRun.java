package dev.dunning.clock;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;

/**
 * Work that runs once per occurrence of a cron schedule in business time, on one node of a cluster: the last run is
 * stored in {@code scheduled_run}, and whoever moves it first runs the occurrence. A node that was down catches up
 * once when it returns, not once per missed occurrence; a fresh installation schedules from now on.
 */
public final class ScheduledRun {

    private final String name;
    private final CronExpression cron;
    private final JdbcClient jdbc;
    private final BusinessClock clock;

    public ScheduledRun(String name, CronExpression cron, JdbcClient jdbc, BusinessClock clock) {
        this.name = name;
        this.cron = cron;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** When the next occurrence after the last run falls due. */
    public Instant nextDue() {
        return nextAfter(lastRun().toInstant());
    }

    /** Whether an occurrence is due at {@code now} and this node claimed it (then it must run it). */
    public boolean claimIfDue(Instant now) {
        OffsetDateTime last = lastRun();
        return !nextAfter(last.toInstant()).isAfter(now) && jdbc.sql("""
                UPDATE scheduled_run SET last_run_at = :now WHERE name = :name AND last_run_at = :last""")
                .param("now", now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
                .param("name", name)
                .param("last", last)
                .update() == 1;
    }

    private Instant nextAfter(Instant last) {
        return cron.next(last.atZone(clock.getZone())).toInstant();
    }

    private OffsetDateTime lastRun() {
        return jdbc.sql("SELECT last_run_at FROM scheduled_run WHERE name = :name")
                .param("name", name)
                .query(OffsetDateTime.class)
                .optional()
                .orElseGet(this::startSchedule);
    }

    private OffsetDateTime startSchedule() {
        OffsetDateTime now = clock.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
        try {
            jdbc.sql("INSERT INTO scheduled_run (name, last_run_at) VALUES (:name, :at)")
                    .param("name", name).param("at", now).update();
            return now;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return jdbc.sql("SELECT last_run_at FROM scheduled_run WHERE name = :name")
                    .param("name", name).query(OffsetDateTime.class).single();
        }
    }
}
