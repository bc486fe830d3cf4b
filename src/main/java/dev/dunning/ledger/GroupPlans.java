package dev.dunning.ledger;

import java.util.Map;
import java.util.Set;

/**
 * What the ledger needs to know of customer groups: which exist, each one's master plan, and which plans a
 * customer of the group may be put on. The plans feature keeps them as data ({@code plans.PlanGroups});
 * {@link CustomerGroups} answers from configuration alone.
 */
public interface GroupPlans {

    Set<String> names();

    /** Group name to master plan key. */
    Map<String, String> masterPlans();

    /** Whether a customer of {@code group} may be put on {@code planKey} (the master plan always is). */
    boolean allows(String group, String planKey);

    /** The plans {@code group} allows, sorted, for messages. */
    java.util.List<String> allowedPlans(String group);

    /** The group's upcoming-payment plan setting, if it has one (a plan key or {@code none}); else the default. */
    java.util.Optional<String> upcomingPlan(String group);
}
