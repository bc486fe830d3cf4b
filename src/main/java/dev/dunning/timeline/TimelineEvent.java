package dev.dunning.timeline;

import java.time.Instant;

/** One line of a customer's history. {@code summary} holds no contact data, only ids, amounts and outcomes. */
public record TimelineEvent(long eventId, String customerId, String caseId, Instant occurredAt, String kind,
        String actor, String summary) {
}
