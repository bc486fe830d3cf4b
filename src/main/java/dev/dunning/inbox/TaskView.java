package dev.dunning.inbox;

import java.time.Instant;

/** A task in an inbox, with the case it belongs to and the form to answer it. */
public record TaskView(
        String id,
        String name,
        String activityId,
        String caseId,
        String customerId,
        String stage,
        String assignee,
        Instant createdAt,
        FormDefinition form) {
}
