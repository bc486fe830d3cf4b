package dev.dunning.reports;

import dev.dunning.support.DunningTest;

/** The reports' figures on H2 (the shared test application). */
@DunningTest
class ReportsTest extends ReportsRules {
}
