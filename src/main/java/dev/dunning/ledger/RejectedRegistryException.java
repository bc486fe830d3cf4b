package dev.dunning.ledger;

import java.util.List;

/**
 * A registry refused as a whole, before any row was imported: it is not text, not in one encoding,
 * cannot be read as CSV to its end, has no header, or a required column is missing.
 */
public class RejectedRegistryException extends RuntimeException {

    private final transient List<ImportError> problems;

    RejectedRegistryException(List<ImportError> problems) {
        this(problems.stream().map(ImportError::message).reduce((a, b) -> a + "; " + b).orElse("the registry was refused"),
                problems);
    }

    /** {@code summary} says what is wrong with the file; {@code problems} say where. */
    RejectedRegistryException(String summary, List<ImportError> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    public List<ImportError> problems() {
        return problems;
    }
}
