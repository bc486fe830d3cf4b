package dev.dunning.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPositions;

/**
 * Keeps the dashboard's summaries in step with the evaluation, which rebuilds {@code collection_day} once a day:
 * {@code collection_month} (collection_day summed per month) and {@code notice_sum} (the notices of the 30 days before
 * the evaluation's day, by channel, result, group and plan). The first dashboard after an evaluation sums them again
 * (about as long as one view without them); every other one reads a few rows.
 */
@Component
class DashboardSummaries {

    private static final Logger log = LoggerFactory.getLogger(DashboardSummaries.class);

    private static final String MONTHS = """
            INSERT INTO collection_month (month_key, group_name, plan_key, building, charged, collected)
            SELECT CAST(EXTRACT(YEAR FROM on_day) * 100 + EXTRACT(MONTH FROM on_day) AS INTEGER), group_name, plan_key,
                   building, SUM(charged), SUM(collected)
            FROM collection_day
            GROUP BY CAST(EXTRACT(YEAR FROM on_day) * 100 + EXTRACT(MONTH FROM on_day) AS INTEGER), group_name,
                     plan_key, building""";

    private static final String NOTICES = """
            INSERT INTO notice_sum (channel, result, group_name, plan_key, notices)
            SELECT n.channel, COALESCE(n.outcome, d.status), c.group_name, COALESCE(cc.plan_key, ''), COUNT(*)
            FROM notice n
            JOIN notice_delivery d ON d.notice_id = n.notice_id
            JOIN customer c ON c.customer_id = n.customer_id
            LEFT JOIN collection_case cc ON cc.case_id = n.case_id
            WHERE n.created_at >= :from AND n.created_at < :to
            GROUP BY n.channel, COALESCE(n.outcome, d.status), c.group_name, COALESCE(cc.plan_key, '')""";

    private final JdbcClient jdbc;
    private final DebtPositions positions;
    private final BusinessClock clock;

    DashboardSummaries(JdbcClient jdbc, DebtPositions positions, BusinessClock clock) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.clock = clock;
    }

    /** The day the notices in {@code notice_sum} end before (they are the 30 days before it), if summed. */
    Optional<LocalDate> noticesSummedBefore() {
        return jdbc.sql("SELECT summed_before FROM dashboard_summary WHERE name = 'collection_month'")
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class))).single();
    }

    /** Sums the months again if collection_day was rebuilt since they were last summed. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void bringUpToDate() {
        Optional<DebtPositions.Run> source = positions.lastRun("collections");
        if (source.isEmpty() || isFrom(source.get(), false)) {
            return;
        }
        if (isFrom(source.get(), true)) { // another request summed them while this one waited for the lock
            return;
        }
        long started = System.nanoTime();
        jdbc.sql("DELETE FROM collection_month").update();
        int rows = jdbc.sql(MONTHS).update();
        LocalDate before = source.get().asOf();
        jdbc.sql("DELETE FROM notice_sum").update();
        int noticeRows = jdbc.sql(NOTICES)
                .param("from", before.minusDays(Dashboard.NOTICE_DAYS).atStartOfDay(clock.getZone()).toOffsetDateTime())
                .param("to", before.atStartOfDay(clock.getZone()).toOffsetDateTime())
                .update();
        jdbc.sql("UPDATE dashboard_summary SET source_ran_at = :ranAt, source_millis = :millis, summed_before = :before"
                        + " WHERE name = 'collection_month'")
                .param("ranAt", source.get().ranAt().atOffset(ZoneOffset.UTC))
                .param("millis", source.get().millis())
                .param("before", before)
                .update();
        log.info("Collection months and notices summed again: {} and {} rows in {} ms", rows, noticeRows,
                (System.nanoTime() - started) / 1_000_000);
    }

    private boolean isFrom(DebtPositions.Run source, boolean lock) {
        record Marker(OffsetDateTime ranAt, long millis) {
        }
        Marker marker = jdbc.sql("SELECT source_ran_at, source_millis FROM dashboard_summary"
                        + " WHERE name = 'collection_month'" + (lock ? " FOR UPDATE" : ""))
                .query((rs, row) -> new Marker(rs.getObject(1, OffsetDateTime.class), rs.getLong(2))).single();
        return marker.ranAt().toInstant().equals(source.ranAt()) && marker.millis() == source.millis();
    }
}
