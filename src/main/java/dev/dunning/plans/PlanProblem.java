package dev.dunning.plans;

/**
 * One reason a plan file cannot be deployed.
 *
 * @param element the id of the BPMN element at fault (process, activity, flow, event), or null when the
 *                problem is the file itself; XML errors then carry the line in the message ("line 12: ...")
 * @param message what is wrong and, where it helps, what to do instead
 */
public record PlanProblem(String element, String message) {

    static PlanProblem ofFile(String message) {
        return new PlanProblem(null, message);
    }

    @Override
    public String toString() {
        return element == null ? message : "'" + element + "': " + message;
    }
}
