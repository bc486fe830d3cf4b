package dev.dunning.plans;

import java.util.List;

/** A migration request that cannot be carried out as asked: each problem names the field (or case) and the reason. */
public class InvalidMigrationException extends RuntimeException {

    /** {@code field}: the request field ({@code toVersion}, {@code mappings.waitA}) or a case id. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public InvalidMigrationException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
