package dev.dunning.plans;

import java.util.List;

/** A decision file that Dunning refuses to deploy, with every reason (element ids included). */
public class InvalidDecisionException extends RuntimeException {

    private final List<String> problems;

    public InvalidDecisionException(String file, List<String> problems) {
        super("decision " + file + " is refused: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
