package dev.dunning.cases;

import java.time.Instant;

/**
 * A case as the API shows it: status is open, suspended, settled or closed; stage comes from the plan; provider is the
 * provider whose part of the debt the case works, where providers are worked separately (else null).
 */
public record CaseView(
        String id,
        String customerId,
        String status,
        String stage,
        String plan,
        int planVersion,
        String processInstanceId,
        Instant openedAt,
        Instant endedAt,
        String provider) {
}
