package dev.dunning.simulation;

import java.time.Instant;

/**
 * A simulation as asked for and as far as it got.
 *
 * @param status   {@code queued}, {@code running}, {@code done} or {@code failed}
 * @param progress percent of the simulated period run so far
 * @param fileName the BPMN file run instead of a deployed version, if one was
 * @param result   what the run found, once done
 */
public record SimulationRun(String id, String planKey, Integer planVersion, String fileName, String status,
        int progress, String requestedBy, Instant requestedAt, Instant finishedAt, String error,
        SimulationRequest request, SimulationResult result) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public boolean finished() {
        return DONE.equals(status) || FAILED.equals(status);
    }
}
