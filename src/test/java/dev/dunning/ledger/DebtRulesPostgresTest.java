package dev.dunning.ledger;

import dev.dunning.support.PostgresTest;

/** The debt and allocation rules on PostgreSQL: the same SQL must mean the same on both databases. */
@PostgresTest
class DebtRulesPostgresTest extends DebtRules {
}
