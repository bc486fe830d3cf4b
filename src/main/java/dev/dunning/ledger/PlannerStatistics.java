package dev.dunning.ledger;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dunning.database.Databases;

/**
 * Refreshes PostgreSQL's planner statistics of a ledger table after an import stored many rows. Autovacuum does it
 * too, but only a minute or more later, and a first import is usually followed at once by the evaluation: planned
 * on a table PostgreSQL still believes empty, the per-customer debt queries read the whole invoice table each time
 * (1.6 s instead of a few milliseconds for a thousand customers of a 1,000,000-invoice ledger). {@code ANALYZE}
 * reads a sample of the table, well under a second even for millions of rows. H2 keeps no such statistics.
 */
@Component
class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final long afterRows;

    PlannerStatistics(DataSource dataSource, ImportSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.postgres = Databases.isPostgres(dataSource);
        this.afterRows = settings.analyzeAfterRows();
    }

    /** After {@code stored} rows of {@code kind} were inserted or updated by one import. */
    void afterImport(RegistryKind kind, long stored) {
        if (!postgres || afterRows <= 0 || stored < afterRows) {
            return;
        }
        String table = tableOf(kind);
        long started = System.nanoTime();
        try {
            jdbc.execute("ANALYZE " + table);
            log.info("Planner statistics of {} refreshed after {} rows in {} ms", table, stored,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // only speed depends on it, and autovacuum will do it later
            log.warn("Planner statistics of {} could not be refreshed after an import: {}", table, e.toString());
        }
    }

    static String tableOf(RegistryKind kind) {
        return switch (kind) {
            case CUSTOMERS -> "customer";
            case INVOICES -> "invoice";
            case PAYMENTS -> "payment";
        };
    }
}
