package dev.dunning.plans;

import dev.dunning.support.PostgresTest;

/** Which plan applies, on PostgreSQL: the same SQL must choose the same plans on both databases. */
@PostgresTest
class PlanSelectionPostgresTest extends PlanSelectionRules {
}
