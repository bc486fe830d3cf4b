package dev.dunning.notify;

import dev.dunning.support.DunningTest;

/** The outbox's metrics on H2, the embedded database. */
@DunningTest
class NoticeMetricsTest extends NoticeMetricsRules {
}
