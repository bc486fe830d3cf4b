package dev.dunning.distribution;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;
import dev.dunning.clock.ScheduledRun;

/**
 * Each business day ({@code dunning.distribution.away-check-cron}, 00:05 by default) the open tasks of people whose
 * absence has begun, and tasks of resumed cases they still hold, go to the others. One node of a cluster runs each
 * occurrence.
 */
@Component
class AbsenceCheck implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(AbsenceCheck.class);

    private final Distribution distribution;
    private final ScheduledRun schedule;

    AbsenceCheck(Distribution distribution, JdbcClient jdbc, BusinessClock clock,
            @Value("${dunning.distribution.away-check-cron:0 5 0 * * *}") String cron) {
        this.distribution = distribution;
        CronExpression parsed;
        try {
            parsed = CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dunning.distribution.away-check-cron: '" + cron
                    + "' is not a cron expression (second minute hour day month weekday): " + e.getMessage(), e);
        }
        this.schedule = new ScheduledRun("distribution-away-check", parsed, jdbc, clock);
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return Optional.of(schedule.nextDue());
    }

    @Override
    public void runDue(Instant now) {
        if (schedule.claimIfDue(now)) {
            int moved = distribution.reassignWorkOfAbsent();
            if (moved > 0) {
                log.info("{} open tasks of people away handed to others", moved);
            }
        }
    }
}
