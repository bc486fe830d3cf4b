package dev.dunning.reports;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.ledger.DebtPositions;

/**
 * Keeps {@code collection_month} (collection_day summed per month) in step with {@code collection_day}, which the
 * evaluation rebuilds once a day: the first dashboard after a rebuild sums the months again (one statement, about as
 * long as reading the days once), every other one reads the months.
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

    private final JdbcClient jdbc;
    private final DebtPositions positions;

    DashboardSummaries(JdbcClient jdbc, DebtPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
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
        jdbc.sql("UPDATE dashboard_summary SET source_ran_at = :ranAt, source_millis = :millis"
                        + " WHERE name = 'collection_month'")
                .param("ranAt", source.get().ranAt().atOffset(ZoneOffset.UTC))
                .param("millis", source.get().millis())
                .update();
        log.info("Collection months summed again: {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
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
