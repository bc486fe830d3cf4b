package dev.dunning.notify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When to try a notice again after failed delivery attempts, and when to give up.
 *
 * @param delays      the wait after the 1st, 2nd, ... failed attempt; the last one repeats
 * @param maxAttempts attempts in all, the first one included
 */
record RetrySchedule(List<Duration> delays, int maxAttempts) {

    RetrySchedule {
        delays = List.copyOf(delays);
    }

    static RetrySchedule of(NotifyProperties properties) {
        return new RetrySchedule(properties.retryDelays(), properties.maxAttempts());
    }

    /** The wait before the next attempt once {@code attemptsMade} attempts have failed; empty means give up. */
    Optional<Duration> delayAfter(int attemptsMade) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("a retry follows at least one attempt, not " + attemptsMade);
        }
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(delays.get(Math.min(attemptsMade, delays.size()) - 1));
    }
}
