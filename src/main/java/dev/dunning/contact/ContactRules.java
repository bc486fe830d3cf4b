package dev.dunning.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The contact rules of each customer group (allowed hours in the debtor's time zone, caps per kind of
 * contact, a quiet period after a conversation, consent and opt-out per channel), applied to notices as they
 * are about to go out.
 */
public interface ContactRules {

    /**
     * Decides each attempt at {@code now}, in the caller's transaction. Attempts that are allowed are
     * recorded as contacts at once, so later decisions (this batch's and other nodes') count them; decisions
     * for one customer are serialized across nodes.
     *
     * @return the decision for each attempt, by notice id
     */
    Map<String, ContactDecision> admit(List<ContactAttempt> attempts, Instant now);

    /** Forgets the contact recorded for a notice whose delivery failed: it did not reach the customer. */
    void withdraw(String noticeId);

    /**
     * Records a conversation with the customer (a collector's call that reached them, an answered robot
     * call): some jurisdictions forbid calls for a while after one.
     */
    void recordConversation(String customerId, Instant at, String source);
}
