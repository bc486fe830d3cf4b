package dev.dunning.plans;

import java.time.Instant;

/**
 * One deployed version of a plan.
 *
 * @param deployedBy   the user who deployed it, or {@code system} for the files deployed at start-up
 *                     ({@code unknown} for versions deployed before Dunning kept this record)
 * @param deployedAt   business time of the deployment
 * @param runningCases process instances still running on this version
 */
public record PlanVersion(
        String key,
        String name,
        int version,
        String processDefinitionId,
        String deploymentId,
        String deployedBy,
        Instant deployedAt,
        long runningCases) {
}
