package dev.dunning.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;

/**
 * The engine's timers and async jobs as due work. Flowable's own async executor runs the jobs in
 * both clock modes. In system mode it also finds due timers itself; in simulated mode this class
 * hands it the timers that fell due after each move of the clock, then waits until the executor has
 * run everything, so that moving time returns only after the plan steps on the way have happened.
 */
@Component
@org.springframework.core.annotation.Order(2)
class EngineJobs implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(EngineJobs.class);
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final ManagementService management;
    private final BusinessClock clock;

    EngineJobs(ManagementService management, BusinessClock clock) {
        this.management = management;
        this.clock = clock;
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        if (!clock.isSimulated()) {
            return Optional.empty();
        }
        if (busy()) {
            return Optional.of(now);
        }
        return management.createTimerJobQuery().orderByJobDuedate().asc().listPage(0, 1).stream()
                .map(Job::getDuedate)
                .filter(java.util.Objects::nonNull)
                .map(java.util.Date::toInstant)
                .findFirst();
    }

    @Override
    public void runDue(Instant now) {
        if (!clock.isSimulated()) {
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (true) {
            boolean dueTimers = management.createTimerJobQuery().executable().count() > 0;
            if (dueTimers) {
                handOverDueTimers();
            } else if (management.createJobQuery().count() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn("The async executor did not finish the due jobs within {}", MAX_WAIT);
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Gives the executor the timers that fell due now, instead of waiting for its next timer poll;
     * the executor runs them at once. A timer the executor took itself meanwhile is simply skipped.
     */
    private void handOverDueTimers() {
        for (Job timer : management.createTimerJobQuery().executable().listPage(0, 1000)) {
            try {
                management.moveTimerToExecutableJob(timer.getId());
            } catch (RuntimeException movedMeanwhile) {
                // A case was suspended or settled meanwhile, which moved or deleted its timer.
                log.debug("Timer {} could not be handed over: {}", timer.getId(), movedMeanwhile.getMessage());
            }
        }
    }

    private boolean busy() {
        return management.createJobQuery().count() > 0
                || management.createTimerJobQuery().executable().count() > 0;
    }
}
