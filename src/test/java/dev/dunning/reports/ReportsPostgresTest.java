package dev.dunning.reports;

import dev.dunning.support.PostgresTest;

/** The reports' figures on PostgreSQL: the same SQL must mean the same on both databases. */
@PostgresTest
class ReportsPostgresTest extends ReportsRules {
}
