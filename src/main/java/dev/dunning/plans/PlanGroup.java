package dev.dunning.plans;

import java.time.Instant;
import java.util.List;

/**
 * A customer group as analysts keep it: its master plan, the plans a customer of the group may be put on, the
 * optional decision table choosing among them, and the optional champion/challenger split.
 *
 * @param upcomingPlan      the upcoming-payment plan; null: the default ({@code dunning.upcoming.plan}); {@code none}
 * @param decisionKey       a DMN decision (processes/*.dmn) choosing the plan from the customer's debt; null: none
 * @param challengerPlan    the plan {@code challengerPercent} per cent of the group's customers are worked on instead
 *                          of the master plan (stable by customer id); null: no split
 * @param splitSince        when the current split began
 * @param allowedPlans      sorted; always holds the master plan
 * @param decisionProblem   what went wrong the last time the decision table chose (null when nothing did)
 */
public record PlanGroup(
        String name,
        String masterPlan,
        String upcomingPlan,
        String decisionKey,
        String challengerPlan,
        Integer challengerPercent,
        Instant splitSince,
        List<String> allowedPlans,
        String decisionProblem,
        String changedBy,
        Instant changedAt) {

    public boolean allows(String planKey) {
        return allowedPlans.contains(planKey);
    }

    public boolean hasSplit() {
        return challengerPlan != null && challengerPercent != null;
    }
}
