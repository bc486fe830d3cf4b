package dev.dunning.plans;

import dev.dunning.support.DunningTest;

/** Which plan applies, on H2 (the shared test application). */
@DunningTest
class PlanSelectionTest extends PlanSelectionRules {
}
