package dev.dunning.reports;

import dev.dunning.support.DunningTest;

/** The digest's figures on H2 (the shared test application). */
@DunningTest
class DigestFiguresTest extends DigestFiguresRules {
}
