package dev.dunning.plans;

import dev.dunning.support.DunningTest;

/** Migrating running cases on H2 (the shared test application). */
@DunningTest
class PlanMigrationTest extends PlanMigrationRules {
}
