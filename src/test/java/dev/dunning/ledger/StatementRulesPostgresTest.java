package dev.dunning.ledger;

import dev.dunning.support.PostgresTest;

/** The statement of account on PostgreSQL: the same SQL must allocate the same way on both databases. */
@PostgresTest
class StatementRulesPostgresTest extends StatementRules {
}
