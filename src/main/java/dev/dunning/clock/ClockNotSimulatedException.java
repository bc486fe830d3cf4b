package dev.dunning.clock;

/** Moving time by hand is only possible when the clock runs in simulated mode. */
public class ClockNotSimulatedException extends RuntimeException {

    public ClockNotSimulatedException() {
        super("the business clock runs in system mode; start with dunning.clock.mode=simulated to move time by hand");
    }
}
