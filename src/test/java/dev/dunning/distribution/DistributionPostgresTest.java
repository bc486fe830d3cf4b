package dev.dunning.distribution;

import dev.dunning.support.PostgresTest;

@PostgresTest
class DistributionPostgresTest extends DistributionRules {
}
