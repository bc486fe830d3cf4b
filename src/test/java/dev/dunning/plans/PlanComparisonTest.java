package dev.dunning.plans;

import dev.dunning.support.DunningTest;

/** The champion/challenger report on H2 (the shared test application). */
@DunningTest
class PlanComparisonTest extends PlanComparisonRules {
}
