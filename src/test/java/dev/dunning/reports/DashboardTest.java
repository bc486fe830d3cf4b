package dev.dunning.reports;

import dev.dunning.support.DunningTest;

/** The dashboard's figures on H2 (the shared test application). */
@DunningTest
class DashboardTest extends DashboardRules {
}
