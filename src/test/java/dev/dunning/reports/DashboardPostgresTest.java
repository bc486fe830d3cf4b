package dev.dunning.reports;

import dev.dunning.support.PostgresTest;

/** The dashboard's figures on PostgreSQL: the same SQL must mean the same on both databases. */
@PostgresTest
class DashboardPostgresTest extends DashboardRules {
}
