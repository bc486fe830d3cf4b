package dev.dunning.plans;

import java.util.List;

/** A plan file that Dunning refuses to deploy, with every reason found. */
public class InvalidPlanException extends RuntimeException {

    private final String file;
    private final List<PlanProblem> problems;

    public InvalidPlanException(String file, List<PlanProblem> problems) {
        super("plan " + file + " cannot be deployed: "
                + String.join("; ", problems.stream().map(PlanProblem::toString).toList()));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
