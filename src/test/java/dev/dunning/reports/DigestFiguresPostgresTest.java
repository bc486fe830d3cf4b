package dev.dunning.reports;

import dev.dunning.support.PostgresTest;

/** The digest's figures on PostgreSQL: the same SQL must mean the same on both databases. */
@PostgresTest
class DigestFiguresPostgresTest extends DigestFiguresRules {
}
