package dev.dunning.ledger;

import dev.dunning.support.DunningTest;

/** The rules of what falls due when, on H2 (the shared test application). */
@DunningTest
class AmountsDueRulesTest extends AmountsDueRules {
}
