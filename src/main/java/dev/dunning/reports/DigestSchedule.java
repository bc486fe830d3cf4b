package dev.dunning.reports;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;
import dev.dunning.clock.ScheduledRun;

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
    private final ScheduledRun schedule;
    private final boolean enabled;

    DigestSchedule(Digests digests, JdbcClient jdbc, BusinessClock clock, DigestProperties properties) {
        this.digests = digests;
        this.schedule = new ScheduledRun(RUN, CronExpression.parse(properties.cron()), jdbc, clock);
        this.enabled = properties.enabled();
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return enabled ? Optional.of(schedule.nextDue()) : Optional.empty();
    }

    @Override
    public void runDue(Instant now) {
        if (enabled && schedule.claimIfDue(now)) {
            try {
                digests.sendScheduled();
            } catch (RuntimeException e) {
                // The day's run is claimed: a broken template must not make every tick try again.
                log.error("The daily digest failed", e);
            }
        }
    }
}
