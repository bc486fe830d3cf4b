package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Moving the delivery state out of {@code notice} (V27) keeps every notice's state as it was: a database with
 * notices pending, sent and failed, migrated, shows each the same through {@code notice_delivery}.
 */
abstract class NoticeDeliveryMigration {

    /** A new, empty database. */
    abstract String newDatabase();

    abstract String user();

    @Test
    void everyNoticesStatusAttemptsErrorsAndProviderReferenceSurviveTheMoveToItsOwnTable() throws SQLException {
        String url = newDatabase();
        migrate(url, "26");
        try (Connection connection = DriverManager.getConnection(url, user(), "")) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            OffsetDateTime at = OffsetDateTime.parse("2026-03-02T09:00:00Z");
            jdbc.sql("""
                    INSERT INTO customer (customer_id, name, group_name, email, locale, time_zone, updated_at)
                    VALUES ('M-1', 'Иван Петров', 'individual', 'm1@example.org', 'ru', 'Europe/Moscow', :at)""")
                    .param("at", at).update();
            String insert = """
                    INSERT INTO notice (notice_id, dedupe_key, customer_id, case_id, step, channel, template, locale,
                                        recipient, subject, body, status, created_at, next_attempt_at, attempts,
                                        last_error, sent_at, provider_ref, deferred_reason)
                    VALUES (:id, :id, 'M-1', 'case-1', 'sendFirstReminder', 'sms', 'first-reminder', 'ru', '+79001234567',
                            'Напоминание', 'Долг 1 500,00', :status, :at, :next, :attempts, :error, :sent, :ref, :deferred)""";
            jdbc.sql(insert).param("id", "pending-1").param("status", "pending").param("at", at)
                    .param("next", at.plusHours(2)).param("attempts", 0).param("error", null).param("sent", null)
                    .param("ref", null).param("deferred", "quiet hours until 08:00").update();
            jdbc.sql(insert).param("id", "sent-1").param("status", "sent").param("at", at)
                    .param("next", null).param("attempts", 1).param("error", null).param("sent", at.plusMinutes(1))
                    .param("ref", "SM42").param("deferred", null).update();
            jdbc.sql(insert).param("id", "failed-1").param("status", "failed").param("at", at)
                    .param("next", null).param("attempts", 6).param("error", "gateway answered 503").param("sent", null)
                    .param("ref", null).param("deferred", null).update();
        }

        migrate(url, "latest");

        try (Connection connection = DriverManager.getConnection(url, user(), "")) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            List<Map<String, Object>> rows = jdbc.sql("""
                    SELECT d.notice_id, d.status, d.attempts, d.last_error, d.provider_ref, d.deferred_reason,
                           d.next_attempt_at, d.sent_at, n.created_seq = d.created_seq AS same_seq
                    FROM notice_delivery d JOIN notice n ON n.notice_id = d.notice_id ORDER BY d.notice_id""")
                    .query().listOfRows();
            assertThat(rows).extracting(row -> row.get("NOTICE_ID") != null ? row.get("NOTICE_ID") : row.get("notice_id"))
                    .containsExactly("failed-1", "pending-1", "sent-1");
            assertThat(rows).allSatisfy(row -> assertThat(value(row, "same_seq")).isEqualTo(true));
            assertThat(value(rows.get(0), "status")).isEqualTo("failed");
            assertThat(value(rows.get(0), "attempts")).isEqualTo(6);
            assertThat(value(rows.get(0), "last_error")).isEqualTo("gateway answered 503");
            assertThat(value(rows.get(1), "status")).isEqualTo("pending");
            assertThat(value(rows.get(1), "deferred_reason")).isEqualTo("quiet hours until 08:00");
            assertThat(value(rows.get(1), "next_attempt_at")).isNotNull();
            assertThat(value(rows.get(2), "status")).isEqualTo("sent");
            assertThat(value(rows.get(2), "provider_ref")).isEqualTo("SM42");
            assertThat(value(rows.get(2), "sent_at")).isNotNull();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notice WHERE subject = 'Напоминание'").query(Integer.class).single())
                    .isEqualTo(3);
        }
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase(java.util.Locale.ROOT));
    }

    private void migrate(String url, String target) {
        Flyway.configure().dataSource(url, user(), "").locations("classpath:db/migration")
                .table("dunning_schema_history").target(target).load().migrate();
    }
}
