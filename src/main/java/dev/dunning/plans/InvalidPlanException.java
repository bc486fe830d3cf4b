package dev.dunning.plans;

import java.util.List;

/** A plan file that Dunning refuses to deploy, with every reason found. */
public class InvalidPlanException extends RuntimeException {

    private final String file;
    private final List<String> problems;

    public InvalidPlanException(String file, List<String> problems) {
        super("plan " + file + " cannot be deployed: " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }
}
