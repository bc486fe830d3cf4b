package dev.dunning.clock;

/** How business time passes: with the wall clock, or only when an admin (or a test) moves it. */
public enum ClockMode {
    SYSTEM, SIMULATED
}
