package dev.dunning.contact;

import java.util.List;
import java.util.stream.Collectors;

/** Contact rules that cannot be used, with every field that is wrong. */
public class InvalidContactPolicyException extends RuntimeException {

    /** One wrong field and why. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidContactPolicyException(List<FieldError> errors) {
        super("contact rules are not valid: " + errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
