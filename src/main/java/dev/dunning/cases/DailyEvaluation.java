package dev.dunning.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;

/**
 * Runs the evaluation on its schedule in business time ({@code dunning.evaluation.cron}, 06:00 by
 * default). The last run is stored, so that exactly one node of a cluster runs each occurrence
 * (whoever moves the stored time first) and a node that was down catches up once when it returns.
 */
@Component
@org.springframework.core.annotation.Order(1)
class DailyEvaluation implements DueWork {

    private static final String RUN = "daily-evaluation";

    private final Evaluation evaluation;
    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final CronExpression cron;

    DailyEvaluation(Evaluation evaluation, JdbcClient jdbc, BusinessClock clock,
            @Value("${dunning.evaluation.cron:0 0 6 * * *}") String cron) {
        this.evaluation = evaluation;
        this.jdbc = jdbc;
        this.clock = clock;
        this.cron = CronExpression.parse(cron);
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return Optional.of(nextAfter(lastRun()));
    }

    @Override
    public void runDue(Instant now) {
        OffsetDateTime last = lastRunStored();
        if (!nextAfter(last.toInstant()).isAfter(now) && claim(last, now)) {
            evaluation.evaluate();
        }
    }

    private Instant nextAfter(Instant last) {
        return cron.next(last.atZone(clock.getZone())).toInstant();
    }

    private Instant lastRun() {
        return lastRunStored().toInstant();
    }

    private OffsetDateTime lastRunStored() {
        return jdbc.sql("SELECT last_run_at FROM scheduled_run WHERE name = :name")
                .param("name", RUN)
                .query(OffsetDateTime.class)
                .optional()
                .orElseGet(this::startSchedule);
    }

    /** The first start of a fresh installation schedules from now on; it does not run for the past. */
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
