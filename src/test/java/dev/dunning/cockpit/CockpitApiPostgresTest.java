package dev.dunning.cockpit;

import org.springframework.context.annotation.Import;

import dev.dunning.support.PostgresTest;

/** The cockpit's rules on PostgreSQL: the grouped counts, the search and the row locks behave the same. */
@PostgresTest
@Import(FlakyBilling.class)
class CockpitApiPostgresTest extends CockpitApiRules {
}
