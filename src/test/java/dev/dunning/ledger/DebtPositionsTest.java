package dev.dunning.ledger;

import dev.dunning.support.DunningTest;

/** The debt picture on H2 (the shared test application). */
@DunningTest
class DebtPositionsTest extends DebtPositionsRules {
}
