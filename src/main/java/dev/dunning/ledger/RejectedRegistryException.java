package dev.dunning.ledger;

import java.util.List;

/** A registry refused as a whole, before any row was imported: a required column is missing, or there is no header. */
public class RejectedRegistryException extends RuntimeException {

    private final transient List<ImportError> problems;

    RejectedRegistryException(List<ImportError> problems) {
        super(problems.stream().map(ImportError::message).reduce((a, b) -> a + "; " + b).orElse("the registry was refused"));
        this.problems = List.copyOf(problems);
    }

    public List<ImportError> problems() {
        return problems;
    }
}
