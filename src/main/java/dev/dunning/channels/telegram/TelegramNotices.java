package dev.dunning.channels.telegram;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The notices a button press may name: read from the outbox's {@code notice} table. */
@Component
@ConditionalOnProperty(name = "dunning.notify.telegram.enabled", havingValue = "true")
class TelegramNotices {

    /** A notice as the webhook needs it; {@code recipient} (the chat id) is personal data. */
    record SentNotice(String noticeId, String customerId, String caseId, String channel, String recipient,
            String locale) {
    }

    private final JdbcClient jdbc;

    TelegramNotices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SentNotice> find(String noticeId) {
        return jdbc.sql("""
                SELECT notice_id, customer_id, case_id, channel, recipient, locale FROM notice WHERE notice_id = :id""")
                .param("id", noticeId)
                .query((rs, row) -> new SentNotice(rs.getString("notice_id"), rs.getString("customer_id"),
                        rs.getString("case_id"), rs.getString("channel"), rs.getString("recipient"), rs.getString("locale")))
                .optional();
    }
}
