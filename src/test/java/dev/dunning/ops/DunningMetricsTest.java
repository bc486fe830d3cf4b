package dev.dunning.ops;

import dev.dunning.support.DunningTest;

/** The metrics on H2, the embedded database. */
@DunningTest
class DunningMetricsTest extends DunningMetrics {
}
