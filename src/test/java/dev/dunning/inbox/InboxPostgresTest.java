package dev.dunning.inbox;

import dev.dunning.support.PostgresTest;

@PostgresTest
class InboxPostgresTest extends InboxRules {
}
