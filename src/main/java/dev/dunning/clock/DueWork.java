package dev.dunning.clock;

import java.time.Instant;
import java.util.Optional;

/**
 * Work that becomes due at a business time: engine timers, the daily evaluation, outbox retries.
 * The clock drives every implementation, so moving simulated time forward runs what fell due on
 * the way, in order, and the wall clock ticks them in production.
 */
public interface DueWork {

    /** The earliest instant at which something is waiting to be done, if anything is. */
    Optional<Instant> nextDue(Instant now);

    /** Does what is due at {@code now} and returns when it is done. */
    void runDue(Instant now);
}
