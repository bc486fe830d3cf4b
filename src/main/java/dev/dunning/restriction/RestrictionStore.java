package dev.dunning.restriction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code restriction_request} and {@code restriction_attempt} tables. Status changes are conditional updates on
 * the status the caller expects, so that of two nodes only one claims a request, and only the claiming node records
 * its answer.
 */
@Component
class RestrictionStore {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String DONE = "done";
    static final String REFUSED = "refused";
    static final String FAILED = "failed";
    static final String CONNECTOR = "connector";
    static final String MANUAL = "manual";
    private static final int MAX_RESULT = 1000;

    private static final String COLUMNS = """
            request_id, action, via, customer_id, case_id, process_instance_id, provider_id, body, status, attempts,
            result, created_at, finished_at""";

    private final JdbcClient jdbc;

    RestrictionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored request, with what sending it needs. */
    record Stored(RestrictionRequest request, String processInstanceId, String body) {
    }

    void insertPending(String requestId, RestrictionAction action, String customerId, String caseId,
            String processInstanceId, String providerId, String body, Instant now) {
        jdbc.sql("""
                INSERT INTO restriction_request (request_id, action, via, customer_id, case_id, process_instance_id,
                                                 provider_id, body, status, attempts, next_attempt_at, created_at)
                VALUES (:id, :action, 'connector', :customer, :case, :instance, :provider, :body, 'pending', 0, :now, :now)""")
                .param("id", requestId).param("action", action.code()).param("customer", customerId)
                .param("case", caseId).param("instance", processInstanceId).param("provider", providerId)
                .param("body", body).param("now", utc(now))
                .update();
    }

    /** A restriction or restoration a person did in the billing system, recorded as done (or refused) at once. */
    void insertManual(String requestId, RestrictionAction action, String customerId, String caseId, String providerId,
            boolean done, String result, Instant now) {
        String status = done ? DONE : REFUSED;
        jdbc.sql("""
                INSERT INTO restriction_request (request_id, action, via, customer_id, case_id, provider_id, status,
                                                 attempts, result, created_at, finished_at, answered_at)
                VALUES (:id, :action, 'manual', :customer, :case, :provider, :status, 1, :result, :now, :now, :now)""")
                .param("id", requestId).param("action", action.code()).param("customer", customerId)
                .param("case", caseId).param("provider", providerId).param("status", status)
                .param("result", cut(result)).param("now", utc(now))
                .update();
        recordAttempt(requestId, 1, now, null, done ? DONE : REFUSED, result);
    }

    Optional<Instant> earliestDue() {
        return jdbc.sql("""
                SELECT MIN(due) FROM (
                    SELECT MIN(next_attempt_at) AS due FROM restriction_request WHERE status = 'pending'
                    UNION ALL
                    SELECT MIN(lease_until) AS due FROM restriction_request WHERE status = 'sending') d""")
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
                .optional().map(OffsetDateTime::toInstant);
    }

    List<String> dueIds(Instant now, int limit) {
        return jdbc.sql("""
                SELECT request_id FROM restriction_request WHERE status = 'pending' AND next_attempt_at <= :now
                ORDER BY next_attempt_at, created_at LIMIT :limit""")
                .param("now", utc(now)).param("limit", limit)
                .query(String.class).list();
    }

    /** Takes a due request for one attempt until {@code leaseUntil}; false when another node took it first. */
    boolean claim(String requestId, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE restriction_request SET status = 'sending', attempts = attempts + 1, lease_until = :lease
                WHERE request_id = :id AND status = 'pending' AND next_attempt_at <= :now""")
                .param("lease", utc(leaseUntil)).param("id", requestId).param("now", utc(now))
                .update() == 1;
    }

    /** The requests whose sender did not record an answer before its lease ended (a node stopped mid-attempt). */
    List<Stored> expiredLeases(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM restriction_request WHERE status = 'sending' AND lease_until <= :now")
                .param("now", utc(now)).query(RestrictionStore::stored).list();
    }

    /** Puts an attempt whose answer was lost back in line, due at once; false when its sender recorded it after all. */
    boolean reopen(String requestId, Instant now) {
        return jdbc.sql("""
                UPDATE restriction_request SET status = 'pending', next_attempt_at = :now, lease_until = NULL
                WHERE request_id = :id AND status = 'sending' AND lease_until <= :now""")
                .param("now", utc(now)).param("id", requestId).update() == 1;
    }

    Optional<Stored> find(String requestId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM restriction_request WHERE request_id = :id")
                .param("id", requestId).query(RestrictionStore::stored).optional();
    }

    void recordAttempt(String requestId, int attempt, Instant now, Integer httpStatus, String outcome, String detail) {
        jdbc.sql("""
                INSERT INTO restriction_attempt (request_id, attempt, attempted_at, http_status, outcome, detail)
                VALUES (:id, :attempt, :now, :status, :outcome, :detail)""")
                .param("id", requestId).param("attempt", attempt).param("now", utc(now)).param("status", httpStatus)
                .param("outcome", outcome).param("detail", cut(detail))
                .update();
    }

    /** Ends the attempt with a final status; false when this node's lease was lost and another node has it now. */
    boolean finish(String requestId, String status, String result, Instant now) {
        return jdbc.sql("""
                UPDATE restriction_request SET status = :status, result = :result, finished_at = :now, lease_until = NULL
                WHERE request_id = :id AND status = 'sending'""")
                .param("status", status).param("result", cut(result)).param("now", utc(now)).param("id", requestId)
                .update() == 1;
    }

    boolean retryAt(String requestId, Instant next, String result) {
        return jdbc.sql("""
                UPDATE restriction_request SET status = 'pending', result = :result, next_attempt_at = :next,
                                               lease_until = NULL
                WHERE request_id = :id AND status = 'sending'""")
                .param("result", cut(result)).param("next", utc(next)).param("id", requestId)
                .update() == 1;
    }

    /** What the last request carried out in the case did ({@code restrict} or {@code restore}), if any was. */
    Optional<RestrictionAction> lastDone(String caseId) {
        return jdbc.sql("""
                SELECT r.action FROM restriction_attempt a JOIN restriction_request r ON r.request_id = a.request_id
                WHERE r.case_id = :case AND a.outcome = 'done' ORDER BY a.attempt_id DESC LIMIT 1""")
                .param("case", caseId).query(String.class).optional().map(RestrictionAction::of);
    }

    /** The provider of the case's last carried-out restriction. */
    Optional<String> providerOfLastRestriction(String caseId) {
        return jdbc.sql("""
                SELECT r.provider_id FROM restriction_attempt a JOIN restriction_request r ON r.request_id = a.request_id
                WHERE r.case_id = :case AND a.outcome = 'done' AND r.action = 'restrict'
                ORDER BY a.attempt_id DESC LIMIT 1""")
                .param("case", caseId).query((rs, row) -> Optional.ofNullable(rs.getString(1))).optional()
                .flatMap(provider -> provider);
    }

    /** Finished connector requests of a process instance whose answer the plan has not heard yet. */
    List<Stored> unanswered(String processInstanceId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM restriction_request WHERE process_instance_id = :instance AND answered_at IS NULL
                AND status IN ('done', 'refused', 'failed') ORDER BY finished_at, created_at""")
                .param("instance", processInstanceId).query(RestrictionStore::stored).list();
    }

    void markAnswered(String requestId, Instant now) {
        jdbc.sql("UPDATE restriction_request SET answered_at = :now WHERE request_id = :id AND answered_at IS NULL")
                .param("now", utc(now)).param("id", requestId).update();
    }

    List<RestrictionRequest> ofCase(String caseId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM restriction_request WHERE case_id = :case ORDER BY created_at, request_id")
                .param("case", caseId).query(RestrictionStore::stored).list().stream().map(Stored::request).toList();
    }

    /** One attempt of a request, as managers see it. */
    record Attempt(int attempt, Instant at, Integer httpStatus, String outcome, String detail) {
    }

    List<Attempt> attemptsOfCase(String caseId, String requestId) {
        return jdbc.sql("""
                SELECT a.attempt, a.attempted_at, a.http_status, a.outcome, a.detail
                FROM restriction_attempt a JOIN restriction_request r ON r.request_id = a.request_id
                WHERE r.case_id = :case AND a.request_id = :id ORDER BY a.attempt_id""")
                .param("case", caseId).param("id", requestId)
                .query((rs, row) -> new Attempt(rs.getInt("attempt"),
                        rs.getObject("attempted_at", OffsetDateTime.class).toInstant(),
                        (Integer) rs.getObject("http_status", Integer.class), rs.getString("outcome"), rs.getString("detail")))
                .list();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new Stored(new RestrictionRequest(rs.getString("request_id"), RestrictionAction.of(rs.getString("action")),
                rs.getString("via"), rs.getString("customer_id"), rs.getString("case_id"), rs.getString("provider_id"),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("result"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant()),
                rs.getString("process_instance_id"), rs.getString("body"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_RESULT ? text : text.substring(0, MAX_RESULT - 1) + "…";
    }
}
