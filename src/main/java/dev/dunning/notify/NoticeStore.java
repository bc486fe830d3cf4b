package dev.dunning.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code notice} table. Every status change is a conditional UPDATE on the status the caller expects,
 * so that two nodes, or a node and a payment cancelling the case's notices, never both win.
 */
@Component
class NoticeStore {

    private static final String COLUMNS = """
            notice_id, customer_id, case_id, channel, template, locale, recipient, subject, body, status,
            created_at, attempts, last_error, next_attempt_at, sent_at""";

    private final JdbcClient jdbc;

    NoticeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new pending notice, due at once. */
    void insertPending(String noticeId, String customerId, String caseId, Channels.Route route, String template,
            String locale, NoticeTemplates.Rendered rendered, Instant now) {
        jdbc.sql("""
                INSERT INTO notice (notice_id, customer_id, case_id, channel, template, locale, recipient, subject, body,
                                    status, created_at, next_attempt_at, attempts)
                VALUES (:id, :customer, :case, :channel, :template, :locale, :recipient, :subject, :body,
                        :status, :now, :now, 0)""")
                .param("id", noticeId)
                .param("customer", customerId)
                .param("case", caseId)
                .param("channel", route.channel())
                .param("template", template)
                .param("locale", locale)
                .param("recipient", route.recipient())
                .param("subject", rendered.subject())
                .param("body", rendered.body())
                .param("status", Notice.PENDING)
                .param("now", utc(now))
                .update();
    }

    /**
     * Cancels the case's notices that were not delivered: pending ones, and ones held for sending. A held
     * one may belong to a node that crashed and would otherwise be sent again once its lease ends; if its
     * sender is alive, {@link #markSent} still records the delivery that happened.
     */
    int cancelUndelivered(String caseId) {
        return jdbc.sql("""
                UPDATE notice SET status = :cancelled, next_attempt_at = NULL
                WHERE case_id = :case AND status IN (:pending, :sending)""")
                .param("cancelled", Notice.CANCELLED)
                .param("case", caseId)
                .param("pending", Notice.PENDING)
                .param("sending", Notice.SENDING)
                .update();
    }

    Optional<String> customerOfCase(String caseId) {
        return jdbc.sql("SELECT customer_id FROM notice WHERE case_id = :case FETCH FIRST 1 ROWS ONLY")
                .param("case", caseId)
                .query(String.class)
                .optional();
    }

    /** When the next pending notice is due, or a held one's lease ends. */
    Optional<Instant> earliestDue() {
        return jdbc.sql("SELECT MIN(next_attempt_at) AS next_due FROM notice WHERE status IN (:pending, :sending)")
                .param("pending", Notice.PENDING)
                .param("sending", Notice.SENDING)
                .query((rs, row) -> instant(rs, "next_due"))
                .list().stream().filter(Objects::nonNull).findFirst();
    }

    /** Notices due at {@code now}: pending ones, and held ones whose sender's lease ran out. */
    List<String> dueIds(Instant now, int limit) {
        return jdbc.sql("""
                SELECT notice_id FROM notice
                WHERE status IN (:pending, :sending) AND next_attempt_at <= :now
                ORDER BY next_attempt_at
                FETCH FIRST :limit ROWS ONLY""")
                .param("pending", Notice.PENDING)
                .param("sending", Notice.SENDING)
                .param("now", utc(now))
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /**
     * Takes a due notice for sending until {@code leaseEnd}. The update matches only while the notice is
     * still due, so of several nodes claiming it at once exactly one changes a row: that one sends.
     */
    boolean claim(String noticeId, Instant now, Instant leaseEnd) {
        return jdbc.sql("""
                UPDATE notice SET status = :sending, next_attempt_at = :leaseEnd
                WHERE notice_id = :id AND status IN (:pending, :sending) AND next_attempt_at <= :now""")
                .param("sending", Notice.SENDING)
                .param("leaseEnd", utc(leaseEnd))
                .param("id", noticeId)
                .param("pending", Notice.PENDING)
                .param("now", utc(now))
                .update() == 1;
    }

    Optional<Notice> find(String noticeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notice WHERE notice_id = :id")
                .param("id", noticeId)
                .query(NoticeStore::notice)
                .optional();
    }

    /** Records a delivery; also over a cancellation that came while the notice was on its way. */
    boolean markSent(String noticeId, int attempts, Instant sentAt) {
        return jdbc.sql("""
                UPDATE notice SET status = :sent, attempts = :attempts, sent_at = :sentAt, next_attempt_at = NULL,
                                  last_error = NULL
                WHERE notice_id = :id AND status IN (:sending, :cancelled)""")
                .param("sent", Notice.SENT)
                .param("attempts", attempts)
                .param("sentAt", utc(sentAt))
                .param("id", noticeId)
                .param("sending", Notice.SENDING)
                .param("cancelled", Notice.CANCELLED)
                .update() == 1;
    }

    /** Puts a notice whose attempt failed back in line; a notice cancelled meanwhile stays cancelled. */
    boolean retryLater(String noticeId, int attempts, String error, Instant nextAttemptAt) {
        return jdbc.sql("""
                UPDATE notice SET status = :pending, attempts = :attempts, last_error = :error,
                                  next_attempt_at = :next
                WHERE notice_id = :id AND status = :sending""")
                .param("pending", Notice.PENDING)
                .param("attempts", attempts)
                .param("error", error)
                .param("next", utc(nextAttemptAt))
                .param("id", noticeId)
                .param("sending", Notice.SENDING)
                .update() == 1;
    }

    boolean markFailed(String noticeId, int attempts, String error) {
        return jdbc.sql("""
                UPDATE notice SET status = :failed, attempts = :attempts, last_error = :error, next_attempt_at = NULL
                WHERE notice_id = :id AND status = :sending""")
                .param("failed", Notice.FAILED)
                .param("attempts", attempts)
                .param("error", error)
                .param("id", noticeId)
                .param("sending", Notice.SENDING)
                .update() == 1;
    }

    /** Newest first; each filter applies only when given. */
    List<Notice> search(String customerId, String caseId, String status, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        if (customerId != null) {
            conditions.add("customer_id = :customer");
            params.put("customer", customerId);
        }
        if (caseId != null) {
            conditions.add("case_id = :case");
            params.put("case", caseId);
        }
        if (status != null) {
            conditions.add("status = :status");
            params.put("status", status);
        }
        params.put("limit", limit);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql("SELECT " + COLUMNS + " FROM notice" + where
                        + " ORDER BY created_at DESC, created_seq DESC FETCH FIRST :limit ROWS ONLY")
                .params(params)
                .query(NoticeStore::notice)
                .list();
    }

    private static Notice notice(ResultSet rs, int row) throws SQLException {
        return new Notice(rs.getString("notice_id"), rs.getString("customer_id"), rs.getString("case_id"),
                rs.getString("channel"), rs.getString("template"), rs.getString("locale"), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("body"), rs.getString("status"), instant(rs, "created_at"),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "next_attempt_at"),
                instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The PostgreSQL driver takes OffsetDateTime for TIMESTAMP WITH TIME ZONE, not Instant. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
