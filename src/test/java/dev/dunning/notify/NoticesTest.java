package dev.dunning.notify;

import dev.dunning.support.DunningTest;

/** The outbox on H2, the embedded database. */
@DunningTest
class NoticesTest extends NoticeOutbox {
}
