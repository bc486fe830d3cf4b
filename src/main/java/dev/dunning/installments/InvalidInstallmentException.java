package dev.dunning.installments;

import java.util.List;

/** A proposal that cannot be worked out into a schedule, with each field and what is wrong with it. */
public class InvalidInstallmentException extends RuntimeException {

    /** {@code field} is a property of {@link InstallmentProposal} (or {@code caseId}). */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    InvalidInstallmentException(List<FieldError> errors) {
        super("the installment schedule cannot be made: "
                + errors.stream().map(error -> error.field() + " " + error.message()).toList());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
