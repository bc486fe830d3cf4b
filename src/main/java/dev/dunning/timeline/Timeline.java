package dev.dunning.timeline;

import java.util.List;

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

    private final JdbcClient jdbc;
    private final BusinessClock clock;

    Timeline(JdbcClient jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String customerId, String caseId, String kind, String actor, String summary) {
        jdbc.sql("""
                INSERT INTO timeline_event (customer_id, case_id, occurred_at, kind, actor, summary)
                VALUES (:customer, :case, :at, :kind, :actor, :summary)""")
                .param("customer", customerId)
                .param("case", caseId)
                .param("at", clock.now().atOffset(java.time.ZoneOffset.UTC))
                .param("kind", kind)
                .param("actor", actor)
                .param("summary", summary.length() > 1000 ? summary.substring(0, 1000) : summary)
                .update();
    }

    public List<TimelineEvent> of(String customerId) {
        return jdbc.sql("""
                SELECT event_id, customer_id, case_id, occurred_at, kind, actor, summary
                FROM timeline_event WHERE customer_id = :customer ORDER BY occurred_at, event_id""")
                .param("customer", customerId)
                .query((rs, row) -> new TimelineEvent(rs.getLong("event_id"), rs.getString("customer_id"),
                        rs.getString("case_id"), rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("kind"), rs.getString("actor"), rs.getString("summary")))
                .list();
    }
}
