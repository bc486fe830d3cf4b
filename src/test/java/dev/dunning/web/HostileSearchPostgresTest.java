package dev.dunning.web;

import dev.dunning.support.PostgresTest;

/** Searches and filters fed SQL metacharacters, on PostgreSQL, which also refuses a NUL inside text. */
@PostgresTest
class HostileSearchPostgresTest extends HostileSearchRules {
}
