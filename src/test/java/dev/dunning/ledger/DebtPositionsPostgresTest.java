package dev.dunning.ledger;

import dev.dunning.support.PostgresTest;

/** The debt picture on PostgreSQL: the same SQL must mean the same on both databases. */
@PostgresTest
class DebtPositionsPostgresTest extends DebtPositionsRules {
}
