package dev.dunning.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Moves business time and runs what falls due on the way.
 * <p>
 * Time is moved in steps, from one due instant to the next, so that a timer which fires on day 3
 * and schedules its successor "5 days later" sees day 3, not the end of the whole move. Due
 * instants are rounded up to the minute so that work created together runs together.
 */
@Service
public class BusinessTime {

    private static final Logger log = LoggerFactory.getLogger(BusinessTime.class);
    private static final int MAX_ROUNDS_PER_INSTANT = 100;

    private final BusinessClock clock;
    private final List<DueWork> work;
    private final ReentrantLock timeLock = new ReentrantLock();

    BusinessTime(BusinessClock clock, List<DueWork> work) {
        this.clock = clock;
        this.work = work;
    }

    /** Moves simulated time forward by {@code duration}; returns once everything due by then has run. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("advance must not be negative: " + duration);
        }
        return moveTo(clock.now().plus(duration));
    }

    /** Moves simulated time forward to {@code target}; returns once everything due by then has run. */
    public Instant moveTo(Instant target) {
        if (!clock.isSimulated()) {
            throw new ClockNotSimulatedException();
        }
        if (target.isBefore(clock.now())) {
            throw new IllegalArgumentException("the business clock cannot move backwards: it is " + clock.now()
                    + " and " + target + " was asked");
        }
        timeLock.lock();
        try {
            runEverythingDue();
            while (true) {
                Instant next = nextStep();
                if (next == null || next.isAfter(target)) {
                    break;
                }
                clock.moveTo(next);
                runEverythingDue();
            }
            clock.moveTo(target);
            runEverythingDue();
            return clock.now();
        } finally {
            timeLock.unlock();
        }
    }

    /** Runs what is due now without moving time (the wall clock's tick, or after a manual action). */
    public void runDueNow() {
        timeLock.lock();
        try {
            runEverythingDue();
        } finally {
            timeLock.unlock();
        }
    }

    @Scheduled(initialDelayString = "${dunning.clock.tick-initial-delay:PT5S}", fixedDelayString = "${dunning.clock.tick:PT2S}")
    void tick() {
        if (timeLock.tryLock()) {
            try {
                runEverythingDue();
            } catch (RuntimeException e) {
                log.error("Due work failed on the clock tick", e);
            } finally {
                timeLock.unlock();
            }
        }
    }

    private void runEverythingDue() {
        for (int round = 0; round < MAX_ROUNDS_PER_INSTANT; round++) {
            Instant now = clock.now();
            for (DueWork each : work) {
                each.runDue(now);
            }
            boolean more = work.stream()
                    .map(each -> each.nextDue(now))
                    .flatMap(Optional::stream)
                    .anyMatch(due -> !due.isAfter(now));
            if (!more) {
                return;
            }
        }
        log.warn("Work kept falling due at {} after {} rounds; continuing", clock.now(), MAX_ROUNDS_PER_INSTANT);
    }

    private Instant nextStep() {
        Instant now = clock.now();
        return work.stream()
                .map(each -> each.nextDue(now))
                .flatMap(Optional::stream)
                .map(BusinessTime::roundUpToMinute)
                .filter(due -> due.isAfter(now))
                .min(Instant::compareTo)
                .orElse(null);
    }

    private static Instant roundUpToMinute(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MINUTES);
        return truncated.equals(instant) ? instant : truncated.plus(1, ChronoUnit.MINUTES);
    }
}
