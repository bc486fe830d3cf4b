package dev.dunning.ledger;

import java.util.List;

/**
 * A single payment that was not recorded: either it is invalid (a bad value, an unknown customer,
 * another customer's invoice) or it conflicts with the payment stored under the same id.
 */
public class PaymentRejectedException extends RuntimeException {

    /** One problem with one field, named as in {@link PaymentSubmission} ({@code amount}, {@code paidOn}). */
    public record FieldProblem(String field, String message) {
    }

    private final boolean conflict;
    private final transient List<FieldProblem> problems;

    PaymentRejectedException(boolean conflict, List<FieldProblem> problems) {
        super((conflict ? "the payment conflicts with the stored one: " : "the payment is invalid: ")
                + String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        this.conflict = conflict;
        this.problems = List.copyOf(problems);
    }

    /** True when the payment is valid in itself but differs from the one already stored under its id. */
    public boolean isConflict() {
        return conflict;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
