package dev.dunning.notify;

import dev.dunning.support.PostgresTest;

/** The outbox's metrics on PostgreSQL. */
@PostgresTest
class NoticeMetricsPostgresTest extends NoticeMetricsRules {
}
