package dev.dunning.plans;

import java.util.List;

/**
 * What an analyst sends to create or change a group ({@code PUT /api/plans/groups/{name}}). Empty values mean
 * "none"; the master plan is always allowed, whether listed or not.
 */
public record PlanGroupEdit(
        String masterPlan,
        String upcomingPlan,
        String decisionKey,
        String challengerPlan,
        Integer challengerPercent,
        List<String> allowedPlans) {
}
