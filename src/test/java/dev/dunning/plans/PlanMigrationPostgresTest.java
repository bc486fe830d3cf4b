package dev.dunning.plans;

import dev.dunning.support.PostgresTest;

/** Migrating running cases on PostgreSQL: the engine's tables and the batches behave the same. */
@PostgresTest
class PlanMigrationPostgresTest extends PlanMigrationRules {
}
