package dev.dunning.plans;

import dev.dunning.support.PostgresTest;

/** The champion/challenger report on PostgreSQL: the same periods, payments and counts. */
@PostgresTest
class PlanComparisonPostgresTest extends PlanComparisonRules {
}
