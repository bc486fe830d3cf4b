package dev.dunning.plans;

import java.time.Instant;

/**
 * The outcome of deploying a plan file.
 *
 * @param unchanged true when the file was the same as the newest version, which was kept (no new version)
 */
public record DeployedPlan(
        String key,
        String name,
        int version,
        String processDefinitionId,
        String deploymentId,
        String deployedBy,
        Instant deployedAt,
        boolean unchanged) {
}
