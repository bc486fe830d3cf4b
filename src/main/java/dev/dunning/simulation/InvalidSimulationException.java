package dev.dunning.simulation;

import java.util.List;
import java.util.Map;

/** A simulation request that cannot be run, with every field that is wrong and why. */
public class InvalidSimulationException extends RuntimeException {

    private final List<Map<String, String>> errors;

    InvalidSimulationException(List<Map<String, String>> errors) {
        super("the simulation cannot run: " + String.join("; ",
                errors.stream().map(error -> error.get("field") + " " + error.get("message")).toList()));
        this.errors = List.copyOf(errors);
    }

    static InvalidSimulationException of(String field, String message) {
        return new InvalidSimulationException(List.of(Map.of("field", field, "message", message)));
    }

    /** Each error as {@code field} and {@code message}. */
    public List<Map<String, String>> errors() {
        return errors;
    }
}
