package dev.dunning.plans;

import java.util.List;
import java.util.stream.Collectors;

/** A group edit that cannot be taken, with what is wrong per field. */
public class InvalidPlanGroupException extends RuntimeException {

    /** One problem: {@code field} is a property of {@link PlanGroupEdit} (or {@code name}). */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidPlanGroupException(String group, List<FieldError> errors) {
        super("group '" + group + "': " + errors.stream().map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
