package dev.dunning.timeline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.dunning.clock.BusinessClock;

/**
 * Append-only history per customer: every notice, call outcome, stage change and manual action.
 * Written in the caller's transaction, so an action and its record commit together.
 */
@Service
public class Timeline {

    /** Who acts when no person does. */
    public static final String SYSTEM = "system";

    private static final String INSERT = """
            INSERT INTO timeline_event (customer_id, case_id, occurred_at, kind, actor, summary)
            VALUES (:customer, :case, :at, :kind, :actor, :summary)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final BusinessClock clock;

    Timeline(JdbcClient jdbc, NamedParameterJdbcTemplate batch, BusinessClock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    /** One entry to record with {@link #recordAll}. */
    public record Entry(String customerId, String caseId, String kind, String actor, String summary) {
    }

    public void record(String customerId, String caseId, String kind, String actor, String summary) {
        jdbc.sql(INSERT).paramSource(parameters(new Entry(customerId, caseId, kind, actor, summary), now())).update();
    }

    /** Records many entries in one round trip (the outbox records a batch of deliveries at once). */
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        OffsetDateTime at = now();
        batch.batchUpdate(INSERT, entries.stream().map(entry -> parameters(entry, at)).toArray(SqlParameterSource[]::new));
    }

    public List<TimelineEvent> of(String customerId) {
        return jdbc.sql("""
                SELECT event_id, customer_id, case_id, occurred_at, kind, actor, summary
                FROM timeline_event WHERE customer_id = :customer ORDER BY occurred_at, event_id""")
                .param("customer", customerId)
                .query((rs, row) -> new TimelineEvent(rs.getLong("event_id"), rs.getString("customer_id"),
                        rs.getString("case_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("kind"), rs.getString("actor"), rs.getString("summary")))
                .list();
    }

    /** The customer's latest {@code limit} events, newest first. */
    public List<TimelineEvent> latest(String customerId, int limit) {
        return jdbc.sql("""
                SELECT event_id, customer_id, case_id, occurred_at, kind, actor, summary
                FROM timeline_event WHERE customer_id = :customer ORDER BY occurred_at DESC, event_id DESC
                LIMIT :limit""")
                .param("customer", customerId)
                .param("limit", limit)
                .query((rs, row) -> new TimelineEvent(rs.getLong("event_id"), rs.getString("customer_id"),
                        rs.getString("case_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("kind"), rs.getString("actor"), rs.getString("summary")))
                .list();
    }

    /** The customer's latest {@code limit} events of one kind ({@code call-outcome}), newest first. */
    public List<TimelineEvent> latest(String customerId, String kind, int limit) {
        return jdbc.sql("""
                SELECT event_id, customer_id, case_id, occurred_at, kind, actor, summary
                FROM timeline_event WHERE customer_id = :customer AND kind = :kind
                ORDER BY occurred_at DESC, event_id DESC LIMIT :limit""")
                .param("customer", customerId)
                .param("kind", kind)
                .param("limit", limit)
                .query((rs, row) -> new TimelineEvent(rs.getLong("event_id"), rs.getString("customer_id"),
                        rs.getString("case_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("kind"), rs.getString("actor"), rs.getString("summary")))
                .list();
    }

    private OffsetDateTime now() {
        return clock.now().atOffset(ZoneOffset.UTC);
    }

    private static MapSqlParameterSource parameters(Entry entry, OffsetDateTime at) {
        String summary = entry.summary();
        return new MapSqlParameterSource()
                .addValue("customer", entry.customerId())
                .addValue("case", entry.caseId())
                .addValue("at", at)
                .addValue("kind", entry.kind())
                .addValue("actor", entry.actor())
                .addValue("summary", summary.length() > 1000 ? summary.substring(0, 1000) : summary);
    }
}
