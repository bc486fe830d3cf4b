package dev.dunning.cases;

import java.time.Instant;

/** A case as the API shows it: status is open, suspended, settled or closed; stage comes from the plan. */
public record CaseView(
        String id,
        String customerId,
        String status,
        String stage,
        String plan,
        int planVersion,
        String processInstanceId,
        Instant openedAt,
        Instant endedAt) {
}
