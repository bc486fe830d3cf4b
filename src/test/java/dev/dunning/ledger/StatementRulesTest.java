package dev.dunning.ledger;

import dev.dunning.support.DunningTest;

/** The statement of account on H2 (the shared test application). */
@DunningTest
class StatementRulesTest extends StatementRules {
}
