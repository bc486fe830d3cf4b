package dev.dunning.ledger;

import java.util.List;
import java.util.Map;

/** A freeze request that cannot be recorded, with each field and what is wrong with it. */
public class InvalidFreezeException extends RuntimeException {

    private final List<Map.Entry<String, String>> errors;

    InvalidFreezeException(List<Map.Entry<String, String>> errors) {
        super("the freeze cannot be recorded: " + errors.stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        this.errors = List.copyOf(errors);
    }

    public List<Map.Entry<String, String>> errors() {
        return errors;
    }
}
