package dev.dunning.security;

import java.util.Map;

/** An admin's change to a user that cannot be made, field by field. */
public class InvalidAccountException extends RuntimeException {

    private final Map<String, String> errors;

    InvalidAccountException(Map<String, String> errors) {
        super("the user cannot be saved: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
