package dev.dunning.contact;

import java.time.Instant;
import java.util.List;

import dev.dunning.contact.ContactDecision.Deferred;

/**
 * A group's contact rules as a pure function of time, for tools that ask "when would this go out?" without
 * sending anything (the plan simulation): no database, no clock, nothing recorded.
 */
public final class ContactSchedule {

    private final RuleBook rules;

    ContactSchedule(RuleBook rules) {
        this.rules = rules;
    }

    /**
     * The earliest moment, {@code at} or later, that the rules allow a contact of {@code kind} with a debtor.
     *
     * @param customerTimeZone the debtor's zone (null or unknown: the group's)
     * @param earlier          the debtor's contacts of the same kind in the last 31 days
     * @param lastConversation the debtor's last conversation, or null
     */
    public Instant earliest(ContactKind kind, String customerTimeZone, Instant at, List<Instant> earlier,
            Instant lastConversation) {
        ContactDecision decision = rules.decide(kind, rules.zoneOf(customerTimeZone), at, earlier, lastConversation);
        return decision instanceof Deferred deferred ? deferred.until() : at;
    }
}
