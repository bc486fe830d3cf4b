package dev.dunning.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code notice} table, what a notice says and to whom, and {@code notice_delivery}, where it stands: the
 * outbox rewrites only the narrow delivery row. Every status change is a conditional UPDATE on the status the
 * caller expects, so that two nodes, or a node and a payment cancelling the case's notices, never both win.
 */
@Component
class NoticeStore {

    private static final String COLUMNS = """
            n.notice_id, n.dedupe_key, n.customer_id, n.case_id, n.step, n.channel, n.template, n.locale, n.recipient,
            n.subject, n.body, n.html_body, n.attach_pdf, n.fallback_channels, d.status, n.created_at, d.attempts,
            d.last_error, d.next_attempt_at, d.deferred_reason, d.sent_at, d.provider_ref, n.outcome, n.outcome_detail,
            n.outcome_at""";
    private static final String NOTICES = " FROM notice n JOIN notice_delivery d ON d.notice_id = n.notice_id";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    /** On PostgreSQL a batch is claimed and recorded in one statement each, its rows named by arrays. */
    private final boolean postgres;

    NoticeStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.postgres = dev.dunning.database.Databases.isPostgres(dataSource);
    }

    /** A notice to store, pending and due at {@code now}. */
    record NewNotice(String noticeId, String dedupeKey, String customerId, String caseId, String step,
            Channels.Route route, String template, String locale, NoticeTemplates.Rendered rendered, boolean attachPdf,
            String modelJson, String resendOf) {
    }

    void insertPending(NewNotice notice, Instant now) {
        jdbc.sql("""
                INSERT INTO notice (notice_id, dedupe_key, customer_id, case_id, step, channel, template, locale,
                                    recipient, subject, body, html_body, attach_pdf, fallback_channels, model_json,
                                    resend_of, created_at)
                VALUES (:id, :key, :customer, :case, :step, :channel, :template, :locale, :recipient, :subject, :body,
                        :html, :attachPdf, :fallbacks, :model, :resendOf, :now)""")
                .param("id", notice.noticeId())
                .param("key", notice.dedupeKey())
                .param("customer", notice.customerId())
                .param("case", notice.caseId())
                .param("step", notice.step())
                .param("channel", notice.route().channel())
                .param("template", notice.template())
                .param("locale", notice.locale())
                .param("recipient", notice.route().recipient())
                .param("subject", notice.rendered().subject())
                .param("body", notice.rendered().body())
                .param("html", notice.rendered().html())
                .param("attachPdf", notice.attachPdf())
                .param("fallbacks", joined(notice.route().fallbacks()))
                .param("model", notice.modelJson())
                .param("resendOf", notice.resendOf())
                .param("now", utc(now))
                .update();
        jdbc.sql("""
                INSERT INTO notice_delivery (notice_id, created_seq, status, next_attempt_at, attempts)
                SELECT notice_id, created_seq, :status, :now, 0 FROM notice WHERE notice_id = :id""")
                .param("status", Notice.PENDING)
                .param("now", utc(now))
                .param("id", notice.noticeId())
                .update();
    }

    /** How many notices the step already made in this case, resends not counted: the step's pass so far. */
    int passesOf(String caseId, String step) {
        return jdbc.sql("SELECT COUNT(*) FROM notice WHERE case_id = :case AND step = :step AND resend_of IS NULL")
                .param("case", caseId)
                .param("step", step)
                .query(Integer.class)
                .single();
    }

    int resendsOf(String noticeId) {
        return jdbc.sql("SELECT COUNT(*) FROM notice WHERE resend_of = :id")
                .param("id", noticeId).query(Integer.class).single();
    }

    Optional<Notice> byDedupeKey(String dedupeKey) {
        return jdbc.sql("SELECT " + COLUMNS + NOTICES + " WHERE n.dedupe_key = :key")
                .param("key", dedupeKey).query(NoticeStore::notice).optional();
    }

    Optional<String> modelOf(String noticeId) {
        return jdbc.sql("SELECT model_json FROM notice WHERE notice_id = :id")
                .param("id", noticeId).query(String.class).optional();
    }

    /**
     * Cancels the case's notices that were not delivered: pending ones, and ones held for sending. A held
     * one may belong to a node that crashed and would otherwise be found uncertain once its lease ends; if its
     * sender is alive, {@link #markSent} still records the delivery that happened.
     */
    int cancelUndelivered(String caseId) {
        return jdbc.sql("""
                UPDATE notice_delivery SET status = :cancelled, next_attempt_at = NULL
                WHERE status IN (:pending, :sending)
                  AND notice_id IN (SELECT notice_id FROM notice WHERE case_id = :case)""")
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
        return jdbc.sql("SELECT MIN(next_attempt_at) AS next_due FROM notice_delivery WHERE status IN (:pending, :sending)")
                .param("pending", Notice.PENDING)
                .param("sending", Notice.SENDING)
                .query((rs, row) -> instant(rs, "next_due"))
                .list().stream().filter(Objects::nonNull).findFirst();
    }

    /** How far a walk through the due notices got: to the one due at {@code dueAt} that was made {@code seq}-th. */
    record QueuePosition(Instant dueAt, long seq) {
    }

    /** Some due notices, and where the walk that found them got to. */
    record DueNotices(List<String> noticeIds, QueuePosition last) {
    }

    /**
     * Pending notices due at {@code now}, oldest due first, from the start or past {@code after}. The outbox walks on
     * from where its last batch ended: the start of the due index is full of notices it just claimed, whose old entries
     * stay until a vacuum, and a walk from the start would step over all of them for every batch.
     */
    DueNotices due(Instant now, QueuePosition after, int limit) {
        return idsWith(Notice.PENDING, now, after, limit);
    }

    /** Notices held for sending whose sender's lease ran out: that node stopped while sending. */
    List<String> expiredLeases(Instant now, int limit) {
        return idsWith(Notice.SENDING, now, null, limit).noticeIds();
    }

    private DueNotices idsWith(String status, Instant now, QueuePosition after, int limit) {
        String past = after == null ? "" : " AND (next_attempt_at, created_seq) > (:at, :seq)";
        List<QueuePosition> positions = new ArrayList<>();
        List<String> ids = jdbc.sql("SELECT notice_id, next_attempt_at, created_seq FROM notice_delivery"
                        + " WHERE status = :status AND next_attempt_at <= :now" + past
                        + " ORDER BY next_attempt_at, created_seq FETCH FIRST :limit ROWS ONLY")
                .param("status", status)
                .param("now", utc(now))
                .param("at", after == null ? null : utc(after.dueAt()))
                .param("seq", after == null ? 0 : after.seq())
                .param("limit", limit)
                .query((rs, row) -> {
                    positions.add(new QueuePosition(instant(rs, "next_attempt_at"), rs.getLong("created_seq")));
                    return rs.getString("notice_id");
                })
                .list();
        return new DueNotices(ids, positions.isEmpty() ? after : positions.get(positions.size() - 1));
    }

    /**
     * Takes due pending notices for sending until {@code leaseEnd}, in one conditional update marked with a token of
     * this claim: of several nodes claiming a notice at once exactly one changes its row, and reads it back.
     *
     * @return the notices this call claimed
     */
    List<Notice> claimNotices(List<String> noticeIds, Instant now, Instant leaseEnd) {
        if (noticeIds.isEmpty()) {
            return List.of();
        }
        String token = java.util.UUID.randomUUID().toString();
        Map<String, Integer> order = new java.util.HashMap<>();
        noticeIds.forEach(id -> order.putIfAbsent(id, order.size()));
        java.util.Comparator<Notice> asDue = java.util.Comparator.comparing(notice -> order.get(notice.noticeId()));
        if (postgres) {
            // The ids joined as rows (unnest), not as an IN list: each is then one probe of the primary key, whatever
            // the statistics say, and the rows claimed come back with their notices in the same statement.
            return jdbc.sql("""
                    WITH d AS (
                        UPDATE notice_delivery d SET status = :sending, next_attempt_at = :leaseEnd, claim_token = :token
                        FROM unnest(CAST(:ids AS VARCHAR[])) AS due (notice_id)
                        WHERE d.notice_id = due.notice_id AND d.status = :pending AND d.next_attempt_at <= :now
                        RETURNING d.*)
                    SELECT\s""" + COLUMNS + """

                    FROM d JOIN notice n ON n.notice_id = d.notice_id
                    WHERE n.notice_id = ANY (CAST(:ids AS VARCHAR[]))""")
                    .param("sending", Notice.SENDING)
                    .param("leaseEnd", utc(leaseEnd))
                    .param("token", token)
                    .param("ids", noticeIds.toArray(String[]::new))
                    .param("pending", Notice.PENDING)
                    .param("now", utc(now))
                    .query(NoticeStore::notice)
                    .list().stream().sorted(asDue).toList();
        }
        // One statement per notice, each by primary key: a single UPDATE ... WHERE notice_id IN (...) could be planned
        // as a walk of the due index instead, over every pending notice, when the statistics lag behind a bulk insert.
        SqlParameterSource[] rows = noticeIds.stream().map(id -> new MapSqlParameterSource()
                .addValue("sending", Notice.SENDING)
                .addValue("leaseEnd", utc(leaseEnd))
                .addValue("token", token)
                .addValue("id", id)
                .addValue("pending", Notice.PENDING)
                .addValue("now", utc(now))).toArray(SqlParameterSource[]::new);
        int claimed = java.util.Arrays.stream(batch.batchUpdate("""
                UPDATE notice_delivery SET status = :sending, next_attempt_at = :leaseEnd, claim_token = :token
                WHERE notice_id = :id AND status = :pending AND next_attempt_at <= :now""", rows))
                .map(count -> count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : count).sum();
        if (claimed == 0) {
            return List.of();
        }
        // In the order they were due, so that contact rules let the older notice go first.
        // The ids on both sides of the join: without statistics on notice (a table that grew since the last ANALYZE)
        // PostgreSQL would rather scan all of it than look up a hundred notices by key.
        return jdbc.sql("SELECT " + COLUMNS + NOTICES
                        + " WHERE n.notice_id IN (:ids) AND d.notice_id IN (:ids) AND d.claim_token = :token")
                .param("ids", noticeIds)
                .param("token", token)
                .query(NoticeStore::notice)
                .list().stream().sorted(asDue).toList();
    }

    /** {@link #claimNotices}, answering with the ids claimed. */
    List<String> claim(List<String> noticeIds, Instant now, Instant leaseEnd) {
        return claimNotices(noticeIds, now, leaseEnd).stream().map(Notice::noticeId).toList();
    }

    /** Takes over a notice whose sender's lease ran out; only one node's update matches. */
    boolean takeOverExpired(String noticeId, Instant now, Instant leaseEnd) {
        return jdbc.sql("""
                UPDATE notice_delivery SET next_attempt_at = :leaseEnd
                WHERE notice_id = :id AND status = :sending AND next_attempt_at <= :now""")
                .param("leaseEnd", utc(leaseEnd))
                .param("id", noticeId)
                .param("sending", Notice.SENDING)
                .param("now", utc(now))
                .update() == 1;
    }

    Optional<Notice> find(String noticeId) {
        return jdbc.sql("SELECT " + COLUMNS + NOTICES + " WHERE n.notice_id = :id")
                .param("id", noticeId)
                .query(NoticeStore::notice)
                .optional();
    }

    List<Notice> findAll(Collection<String> noticeIds) {
        if (noticeIds.isEmpty()) {
            return List.of();
        }
        Map<String, Notice> byId = new LinkedHashMap<>();
        jdbc.sql("SELECT " + COLUMNS + NOTICES + " WHERE n.notice_id IN (:ids) AND d.notice_id IN (:ids)")
                .param("ids", noticeIds)
                .query(NoticeStore::notice)
                .list()
                .forEach(notice -> byId.put(notice.noticeId(), notice));
        return noticeIds.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    Optional<Notice> byProviderRef(String channel, String providerRef) {
        return jdbc.sql("SELECT " + COLUMNS + NOTICES + " WHERE d.provider_ref = :ref AND n.channel = :channel")
                .param("channel", channel)
                .param("ref", providerRef)
                .query(NoticeStore::notice)
                .list().stream().findFirst();
    }

    /** A delivery to record. */
    record Sent(String noticeId, int attempts, String providerRef) {
    }

    /**
     * Records deliveries; also over a cancellation that came while the notice was on its way.
     *
     * @return the ids whose delivery this call recorded
     */
    List<String> markSent(List<Sent> deliveries, Instant sentAt) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        if (postgres) {
            return jdbc.sql("""
                    UPDATE notice_delivery d SET status = :sent, attempts = v.attempts, sent_at = :sentAt,
                                                 provider_ref = v.ref, next_attempt_at = NULL, last_error = NULL,
                                                 deferred_reason = NULL
                    FROM unnest(CAST(:ids AS VARCHAR[]), CAST(:attempts AS INTEGER[]), CAST(:refs AS VARCHAR[]))
                         AS v (notice_id, attempts, ref)
                    WHERE d.notice_id = v.notice_id AND d.status IN (:sending, :cancelled)
                    RETURNING d.notice_id""")
                    .param("sent", Notice.SENT)
                    .param("sentAt", utc(sentAt))
                    .param("ids", deliveries.stream().map(Sent::noticeId).toArray(String[]::new))
                    .param("attempts", deliveries.stream().map(Sent::attempts).toArray(Integer[]::new))
                    .param("refs", deliveries.stream().map(Sent::providerRef).toArray(String[]::new))
                    .param("sending", Notice.SENDING)
                    .param("cancelled", Notice.CANCELLED)
                    .query(String.class)
                    .list();
        }
        SqlParameterSource[] rows = deliveries.stream().map(sent -> new MapSqlParameterSource()
                .addValue("sent", Notice.SENT)
                .addValue("attempts", sent.attempts())
                .addValue("sentAt", utc(sentAt))
                .addValue("ref", sent.providerRef())
                .addValue("id", sent.noticeId())
                .addValue("sending", Notice.SENDING)
                .addValue("cancelled", Notice.CANCELLED)).toArray(SqlParameterSource[]::new);
        int[] counts = batch.batchUpdate("""
                UPDATE notice_delivery SET status = :sent, attempts = :attempts, sent_at = :sentAt, provider_ref = :ref,
                                           next_attempt_at = NULL, last_error = NULL, deferred_reason = NULL
                WHERE notice_id = :id AND status IN (:sending, :cancelled)""", rows);
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                recorded.add(deliveries.get(i).noticeId());
            }
        }
        return recorded;
    }

    boolean markSent(String noticeId, int attempts, Instant sentAt) {
        return markSent(List.of(new Sent(noticeId, attempts, null)), sentAt).size() == 1;
    }

    /** Puts a held notice back in line until {@code until}, as the contact rules say. */
    boolean defer(String noticeId, Instant until, String reason) {
        return jdbc.sql("""
                UPDATE notice_delivery SET status = :pending, next_attempt_at = :until, deferred_reason = :reason
                WHERE notice_id = :id AND status = :sending""")
                .param("pending", Notice.PENDING)
                .param("until", utc(until))
                .param("reason", reason)
                .param("id", noticeId)
                .param("sending", Notice.SENDING)
                .update() == 1;
    }

    /** Puts a notice whose attempt failed back in line; a notice cancelled meanwhile stays cancelled. */
    boolean retryLater(String noticeId, int attempts, String error, Instant nextAttemptAt) {
        return jdbc.sql("""
                UPDATE notice_delivery SET status = :pending, attempts = :attempts, last_error = :error,
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

    /** Ends a held notice in {@code status} (failed, uncertain, suppressed) with the reason. */
    boolean end(String noticeId, String status, int attempts, String error) {
        return jdbc.sql("""
                UPDATE notice_delivery SET status = :status, attempts = :attempts, last_error = :error,
                                           next_attempt_at = NULL
                WHERE notice_id = :id AND status = :sending""")
                .param("status", status)
                .param("attempts", attempts)
                .param("error", error)
                .param("id", noticeId)
                .param("sending", Notice.SENDING)
                .update() == 1;
    }

    /**
     * Moves a held notice (or a sent one the provider reported undelivered) to another channel, due at once.
     * The dedupe key stays: it is still one notice, sent at most once per channel attempt.
     */
    boolean moveToChannel(String noticeId, String expectedStatus, Channels.Route route,
            NoticeTemplates.Rendered rendered, String reason, Instant now) {
        boolean moved = jdbc.sql("""
                UPDATE notice_delivery SET status = :pending, attempts = 0, last_error = :reason, next_attempt_at = :now,
                                           deferred_reason = NULL, sent_at = NULL, provider_ref = NULL
                WHERE notice_id = :id AND status = :expected""")
                .param("pending", Notice.PENDING)
                .param("reason", reason)
                .param("now", utc(now))
                .param("id", noticeId)
                .param("expected", expectedStatus)
                .update() == 1;
        if (!moved) {
            return false;
        }
        jdbc.sql("""
                UPDATE notice SET channel = :channel, recipient = :recipient, subject = :subject, body = :body,
                                  html_body = :html, fallback_channels = :fallbacks
                WHERE notice_id = :id""")
                .param("channel", route.channel())
                .param("recipient", route.recipient())
                .param("subject", rendered.subject())
                .param("body", rendered.body())
                .param("html", rendered.html())
                .param("fallbacks", joined(route.fallbacks()))
                .param("id", noticeId)
                .update();
        return true;
    }

    /** Records a provider's report on a notice. */
    void recordOutcome(String noticeId, String outcome, String detail, Instant at) {
        jdbc.sql("UPDATE notice SET outcome = :outcome, outcome_detail = :detail, outcome_at = :at WHERE notice_id = :id")
                .param("outcome", outcome)
                .param("detail", detail)
                .param("at", utc(at))
                .param("id", noticeId)
                .update();
    }

    /** Newest first; each filter applies only when given. */
    List<Notice> search(String customerId, String caseId, String status, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        if (customerId != null) {
            conditions.add("n.customer_id = :customer");
            params.put("customer", customerId);
        }
        if (caseId != null) {
            conditions.add("n.case_id = :case");
            params.put("case", caseId);
        }
        if (status != null) {
            conditions.add("d.status = :status");
            params.put("status", status);
        }
        params.put("limit", limit);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql("SELECT " + COLUMNS + NOTICES + where
                        + " ORDER BY n.created_at DESC, n.created_seq DESC FETCH FIRST :limit ROWS ONLY")
                .params(params)
                .query(NoticeStore::notice)
                .list();
    }

    private static Notice notice(ResultSet rs, int row) throws SQLException {
        return new Notice(rs.getString("notice_id"), rs.getString("dedupe_key"), rs.getString("customer_id"),
                rs.getString("case_id"), rs.getString("step"), rs.getString("channel"), rs.getString("template"),
                rs.getString("locale"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                rs.getString("html_body"), rs.getBoolean("attach_pdf"), split(rs.getString("fallback_channels")),
                rs.getString("status"), instant(rs, "created_at"), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs, "next_attempt_at"), rs.getString("deferred_reason"), instant(rs, "sent_at"),
                rs.getString("provider_ref"), rs.getString("outcome"), rs.getString("outcome_detail"),
                instant(rs, "outcome_at"));
    }

    private static String joined(List<String> channels) {
        return channels == null || channels.isEmpty() ? null : String.join(",", channels);
    }

    private static List<String> split(String channels) {
        return channels == null || channels.isBlank() ? List.of() : Arrays.asList(channels.split(","));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The PostgreSQL driver takes OffsetDateTime for TIMESTAMP WITH TIME ZONE, not Instant. */
    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
