package dev.dunning.cases;

import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;
import dev.dunning.clock.ScheduledRun;

/**
 * Runs the evaluation on its schedule in business time ({@code dunning.evaluation.cron}, 06:00 by
 * default). The last run is stored, so that exactly one node of a cluster runs each occurrence
 * (whoever moves the stored time first) and a node that was down catches up once when it returns.
 */
@Component
@org.springframework.core.annotation.Order(1)
class DailyEvaluation implements DueWork {

    private final Evaluation evaluation;
    private final ScheduledRun schedule;

    DailyEvaluation(Evaluation evaluation, JdbcClient jdbc, BusinessClock clock,
            @Value("${dunning.evaluation.cron:0 0 6 * * *}") String cron) {
        this.evaluation = evaluation;
        this.schedule = new ScheduledRun("daily-evaluation", CronExpression.parse(cron), jdbc, clock);
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return Optional.of(schedule.nextDue());
    }

    @Override
    public void runDue(Instant now) {
        if (schedule.claimIfDue(now)) {
            evaluation.evaluate();
        }
    }
}
