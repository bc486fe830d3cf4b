package dev.dunning.cases;

import dev.dunning.support.PostgresTest;

/** The restriction connector's rules on PostgreSQL: its tables, claims and queries behave the same. */
@PostgresTest
class RestrictionConnectorPostgresTest extends RestrictionConnectorRules {
}
