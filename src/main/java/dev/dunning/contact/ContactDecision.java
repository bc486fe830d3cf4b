package dev.dunning.contact;

import java.time.Instant;

/** What the contact rules say about one attempt now. */
public sealed interface ContactDecision {

    /** Go ahead; the attempt now counts as a contact. */
    record Allowed() implements ContactDecision {
    }

    /**
     * Not now: try again at {@code until}, the next moment the rules allow.
     *
     * @param reason why, for the customer's timeline (no personal data), e.g.
     *               {@code "quiet hours (22:00-08:00 Europe/Moscow)"} or {@code "2 messages a day already"}
     */
    record Deferred(Instant until, String reason) implements ContactDecision {
    }

    /** Never on this channel: the customer opted out or gave no consent the rules require. */
    record Suppressed(String reason) implements ContactDecision {
    }
}
