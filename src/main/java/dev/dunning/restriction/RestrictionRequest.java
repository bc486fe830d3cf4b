package dev.dunning.restriction;

import java.time.Instant;

/**
 * One request to restrict or restore a service and where it stands, as managers see it on the case.
 *
 * @param via      {@code connector} (sent by Dunning) or {@code manual} (recorded from a managers' task)
 * @param status   {@code pending}, {@code sending}, {@code done}, {@code refused} or {@code failed} (given up)
 * @param result   the last answer in words: the HTTP status and the receiver's reason, or who did it by hand
 */
public record RestrictionRequest(String requestId, RestrictionAction action, String via, String customerId,
        String caseId, String providerId, String status, int attempts, String result, Instant createdAt,
        Instant finishedAt) {
}
