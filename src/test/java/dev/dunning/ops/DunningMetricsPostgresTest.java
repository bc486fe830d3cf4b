package dev.dunning.ops;

import dev.dunning.support.PostgresTest;

/** The metrics on PostgreSQL. */
@PostgresTest
class DunningMetricsPostgresTest extends DunningMetrics {
}
