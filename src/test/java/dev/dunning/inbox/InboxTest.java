package dev.dunning.inbox;

import dev.dunning.support.DunningTest;

@DunningTest
class InboxTest extends InboxRules {
}
