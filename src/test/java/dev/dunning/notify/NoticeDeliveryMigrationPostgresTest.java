package dev.dunning.notify;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dunning.support.PostgresAvailable;
import dev.dunning.support.PostgresTestDatabase;

/** The delivery-state migration on PostgreSQL, on a fresh database of its own. */
@Tag("postgres")
@ExtendWith(PostgresAvailable.class)
class NoticeDeliveryMigrationPostgresTest extends NoticeDeliveryMigration {

    @Override
    String newDatabase() {
        return PostgresTestDatabase.createDatabase();
    }

    @Override
    String user() {
        return PostgresTestDatabase.user();
    }
}
