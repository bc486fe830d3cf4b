package dev.dunning.distribution;

import dev.dunning.support.DunningTest;

@DunningTest
class DistributionTest extends DistributionRules {
}
