package dev.dunning.notify;

import dev.dunning.support.PostgresTest;

/** The outbox on PostgreSQL: claims and records there are one statement a batch. */
@PostgresTest
class NoticesPostgresTest extends NoticeOutbox {
}
