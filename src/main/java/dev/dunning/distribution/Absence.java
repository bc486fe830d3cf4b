package dev.dunning.distribution;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person away from work: from a business day until another (inclusive), or until further notice ({@code until}
 * null). While away they get no new tasks, and their open tasks go to the others in their teams.
 */
public record Absence(String username, LocalDate from, LocalDate until, String reason, String markedBy,
        Instant markedAt) {

    /** Whether they are away on {@code day}. */
    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && (until == null || !day.isAfter(until));
    }
}
