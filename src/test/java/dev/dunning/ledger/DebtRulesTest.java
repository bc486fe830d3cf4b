package dev.dunning.ledger;

import dev.dunning.support.DunningTest;

/** The debt and allocation rules on H2 (the shared test application). */
@DunningTest
class DebtRulesTest extends DebtRules {
}
