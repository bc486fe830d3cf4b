package dev.dunning.web;

import dev.dunning.support.DunningTest;

/** Searches and filters fed SQL metacharacters, on H2. */
@DunningTest
class HostileSearchTest extends HostileSearchRules {
}
