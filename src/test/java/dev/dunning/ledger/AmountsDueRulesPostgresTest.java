package dev.dunning.ledger;

import dev.dunning.support.PostgresTest;

/** The rules of what falls due when, on PostgreSQL: the same SQL must mean the same on both databases. */
@PostgresTest
class AmountsDueRulesPostgresTest extends AmountsDueRules {
}
