package dev.dunning.inbox;

import java.util.List;
import java.util.Map;

/** Submitted task values that do not fit the task's form, field by field. */
public class InvalidFormException extends RuntimeException {

    private final List<Map<String, String>> errors;

    InvalidFormException(String form, List<Map<String, String>> errors) {
        super("the values do not fit form '" + form + "': "
                + errors.stream().map(error -> error.get("field") + " " + error.get("message")).toList());
        this.errors = List.copyOf(errors);
    }

    public List<Map<String, String>> errors() {
        return errors;
    }
}
