package dev.dunning.notify;

import java.util.UUID;

/** The delivery-state migration on H2, the embedded database. */
class NoticeDeliveryMigrationTest extends NoticeDeliveryMigration {

    @Override
    String newDatabase() {
        return "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    String user() {
        return "sa";
    }
}
