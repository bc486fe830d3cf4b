package dev.dunning.restriction;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The connector one case's requests go to: the deployment-wide one, or its provider's own.
 *
 * @param name        how settings and the timeline name it: {@code dunning.restriction} or
 *                    {@code dunning.restriction.providers.<id>}
 * @param retryDelays the wait after the 1st, 2nd, ... unanswered attempt; the last one repeats
 * @param maxAttempts attempts in all, the first one included
 */
record Connector(String name, URI url, String secret, Duration timeout, List<Duration> retryDelays, int maxAttempts) {

    Connector {
        retryDelays = List.copyOf(retryDelays);
    }

    /** The wait before the next attempt once {@code attemptsMade} attempts went unanswered; empty means give up. */
    Optional<Duration> delayAfter(int attemptsMade) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("a retry follows at least one attempt, not " + attemptsMade);
        }
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(retryDelays.get(Math.min(attemptsMade, retryDelays.size()) - 1));
    }
}
