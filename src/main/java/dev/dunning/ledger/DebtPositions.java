package dev.dunning.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;
import dev.dunning.database.Databases;

/**
 * Keeps the debt picture current, so that the dashboard, the reports and the digest read summaries instead of
 * working the ledger out again: {@code debt_position} (what each customer owes today, per service, with aging),
 * {@code debt_day} (the positions summed each evaluation day) and {@code collection_day} (charged and collected per
 * day).
 * <p>
 * The evaluation rebuilds everything once a day ({@link #refreshAll()}); between evaluations every committed change
 * to a customer's money rewrites that customer's positions ({@link #refresh(Collection)}), so today's figures follow
 * payments as they come. The sums by day are only written by the evaluation: they are the day's closing picture.
 * Refreshes take one lock row, so a customer's rows are never written twice at once, across nodes too.
 */
@Service
public class DebtPositions implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(DebtPositions.class);
    private static final int CHUNK = 1000;
    /** Changes to more customers at once (registry batches) are rewritten by the clock's next tick, not by the import. */
    private static final int REWRITE_AT_ONCE = 200;

    private static final String DAY_SUMS = """
            INSERT INTO debt_day (as_of, group_name, plan_key, building, service, customers, debtors, counted_customers,
                                  counted_debtors, balance, real_debt, frozen, conditional_debt, not_due, overdue_1_30,
                                  overdue_31_60, overdue_61_90, overdue_91_180, overdue_over_180)
            SELECT :today, group_name, plan_key, building, service, COUNT(*),
                   SUM(CASE WHEN real_debt > 0 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN counted THEN 1 ELSE 0 END),
                   SUM(CASE WHEN counted AND real_debt > 0 THEN 1 ELSE 0 END),
                   SUM(balance), SUM(real_debt), SUM(frozen), SUM(conditional_debt), SUM(not_due), SUM(overdue_1_30),
                   SUM(overdue_31_60), SUM(overdue_61_90), SUM(overdue_91_180), SUM(overdue_over_180)
            FROM debt_position
            GROUP BY group_name, plan_key, building, service""";

    /** Invoices count on their issue date (their due date when billing gave none); confirmed payments on their date. */
    private static final String COLLECTION_DAYS = """
            INSERT INTO collection_day (on_day, group_name, plan_key, building, charged, collected, invoices, payments)
            SELECT on_day, group_name, plan_key, building, SUM(charged), SUM(collected), SUM(invoices), SUM(payments)
            FROM (SELECT x.on_day, c.group_name, COALESCE(o.plan_key, c.plan, c.chosen_plan, %MASTER_PLAN%, '') AS plan_key,
                         COALESCE(c.building, '') AS building, x.charged, x.collected, x.invoices, x.payments
                  FROM (SELECT customer_id, COALESCE(issued_on, due_on) AS on_day, amount AS charged,
                               CAST(0 AS NUMERIC(19,2)) AS collected, 1 AS invoices, 0 AS payments
                        FROM invoice
                        UNION ALL
                        SELECT customer_id, paid_on, CAST(0 AS NUMERIC(19,2)), amount, 0, 1
                        FROM payment WHERE status = 'confirmed') x
                  JOIN customer c ON c.customer_id = x.customer_id
                  LEFT JOIN plan_override o ON o.customer_id = c.customer_id) y
            GROUP BY on_day, group_name, plan_key, building""";

    /** When a part of the picture was last brought up to date. */
    public record Run(String part, LocalDate asOf, Instant ranAt, long millis) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DebtQuery debts;
    private final Ledger ledger;
    private final BusinessClock clock;
    private final TransactionTemplate transactions;
    private final boolean postgres;
    private final ApplicationEventPublisher events;
    private final long rebuildAtStale;

    DebtPositions(JdbcClient jdbc, DataSource dataSource, Ledger ledger, BusinessClock clock,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
            @Value("${dunning.picture.rebuild-at-stale:10000}") long rebuildAtStale) {
        this.jdbc = jdbc;
        this.rebuildAtStale = Math.max(1, rebuildAtStale);
        this.events = events;
        // its own transaction even when called after a commit, while the committed transaction's resources are still bound
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.postgres = Databases.isPostgres(dataSource);
        this.named = new NamedParameterJdbcTemplate(dataSource);
        this.debts = new DebtQuery(named, ledger.scopes());
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * A new installation or an upgrade has no picture until the first evaluation; build it once at start-up, so that
     * managers see today's debt right away (on a large ledger this takes a minute, once).
     */
    @EventListener(ApplicationReadyEvent.class)
    void buildTheFirstPicture() {
        if (lastRun("positions").isEmpty()) {
            refreshAll();
        }
    }

    /**
     * Rebuilds every position, today's sums and the charged and collected days; the evaluation's last step. Then
     * rewrites the customers whose money changed while it ran, since its reading of the ledger may predate them.
     */
    public void refreshAll() {
        transactions.executeWithoutResult(status -> rebuild());
        transactions.executeWithoutResult(status -> {
            lockExclusive();
            Set<String> stale = withStale(Set.of());
            rewrite(stale);
        });
        events.publishEvent(new DebtPictureRebuilt(clock.today()));
    }

    private void rebuild() {
        LocalDate today = clock.today();
        long started = System.nanoTime();
        lockExclusive();
        int positions = writeAllPositions(today);
        jdbc.sql("DELETE FROM debt_day WHERE as_of = :today").param("today", today).update();
        jdbc.sql(DAY_SUMS).param("today", today).update();
        long positionMillis = (System.nanoTime() - started) / 1_000_000;
        recordRun("positions", today, positionMillis);

        long collectionStarted = System.nanoTime();
        jdbc.sql("DELETE FROM collection_day").update();
        MapSqlParameterSource params = new MapSqlParameterSource();
        named.update(COLLECTION_DAYS.replace("%MASTER_PLAN%", masterPlanCase(ledger.masterPlans(), params)), params);
        long collectionMillis = (System.nanoTime() - collectionStarted) / 1_000_000;
        recordRun("collections", today, collectionMillis);
        log.info("Debt picture of {}: {} positions in {} ms, charged and collected days in {} ms", today, positions,
                positionMillis, collectionMillis);
    }

    /** Every customer's positions, under the exclusive lock. */
    private int writeAllPositions(LocalDate today) {
        // The rebuild reads the ledger after this statement, so it covers every change marked before it; only the
        // marks of changes committed while it runs are left for a rewrite after it.
        jdbc.sql("DELETE FROM debt_position_stale").update();
        jdbc.sql("DELETE FROM debt_position").update();
        return debts.writePositions(today, ledger.planRules(), ledger.masterPlans(), null);
    }

    /**
     * Rewrites today's positions of these customers after their money changed, once the change committed, in a
     * transaction of its own. A payment must not wait for a full rebuild (a minute on a large ledger): when one
     * holds the picture, the customers are marked stale instead, and the rebuild, once done, or the next change
     * rewrites them. A registry batch marks its customers stale too, so that an import does not wait for their
     * positions: the clock's next tick (a few seconds) rewrites them. A failure here never undoes the ledger change;
     * the next evaluation repairs the positions.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void onLedgerChanged(LedgerChanged change) {
        if (change.customerIds().isEmpty()) {
            return;
        }
        if (change.customerIds().size() > REWRITE_AT_ONCE) {
            markStale(change.customerIds());
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                lockShared();
                rewrite(withStale(change.customerIds()));
            });
        } catch (PictureBusy | DuplicateKeyException busy) {
            markStale(change.customerIds());
        } catch (RuntimeException e) {
            log.warn("The debt positions of {} customers could not be rewritten after a ledger change; the next"
                    + " evaluation rewrites them: {}", change.customerIds().size(), e.toString());
        }
    }

    /** Due whenever customers wait for a rewrite of their positions. */
    @Override
    public Optional<Instant> nextDue(Instant now) {
        return jdbc.sql("SELECT customer_id FROM debt_position_stale FETCH FIRST 1 ROWS ONLY").query(String.class)
                .optional().map(any -> now);
    }

    /**
     * Rewrites the customers marked stale, a chunk at a time, unless a rebuild holds the picture (it takes them). When
     * a large share of all customers is stale (after a large import), it rewrites every position at once instead: one
     * statement over the whole ledger is about ten times cheaper per customer than chunks of a thousand.
     */
    @Override
    public void runDue(Instant now) {
        try {
            if (worthRebuilding()) {
                transactions.executeWithoutResult(status -> {
                    long started = System.nanoTime();
                    lockExclusive();
                    int positions = writeAllPositions(clock.today());
                    log.info("Debt positions rewritten at once for a large change of the ledger: {} positions in {} ms",
                            positions, (System.nanoTime() - started) / 1_000_000);
                });
                return;
            }
            transactions.executeWithoutResult(status -> {
                lockShared();
                List<String> stale = jdbc.sql("SELECT DISTINCT customer_id FROM debt_position_stale FETCH FIRST "
                        + CHUNK + " ROWS ONLY").query(String.class).list();
                if (!stale.isEmpty()) {
                    jdbc.sql("DELETE FROM debt_position_stale WHERE customer_id IN (:ids)").param("ids", stale).update();
                    rewrite(stale);
                }
            });
        } catch (PictureBusy | DuplicateKeyException busy) {
            // the rebuild under way, or another node's rewrite of the same customers, takes them
        }
    }

    /** Whether at least {@code rebuildAtStale} customers and a fifth of all are marked stale. */
    private boolean worthRebuilding() {
        if (staleMarksUpTo(rebuildAtStale) < rebuildAtStale) {
            return false;
        }
        long customers = jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
        long threshold = Math.max(rebuildAtStale, customers / 5);
        return staleMarksUpTo(threshold) >= threshold;
    }

    /** The marks of stale customers, counted up to {@code limit} (a customer may be marked more than once). */
    private long staleMarksUpTo(long limit) {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT customer_id FROM debt_position_stale FETCH FIRST " + limit
                + " ROWS ONLY) marks").query(Long.class).single();
    }

    /** Rewrites today's positions of these customers (their sums by day wait for the evaluation). */
    @Transactional
    public void refresh(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        lockExclusive();
        rewrite(customerIds);
    }

    private void rewrite(Collection<String> customerIds) {
        LocalDate today = clock.today();
        List<String> ids = new ArrayList<>(customerIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            jdbc.sql("DELETE FROM debt_position WHERE customer_id IN (:ids)").param("ids", chunk).update();
            debts.writePositions(today, ledger.planRules(), ledger.masterPlans(), chunk);
        }
    }

    /** These customers and those marked stale before, whose marks are taken (inside the caller's transaction). */
    private Set<String> withStale(Collection<String> customerIds) {
        Set<String> ids = new LinkedHashSet<>(customerIds);
        List<String> stale = jdbc.sql("SELECT DISTINCT customer_id FROM debt_position_stale").query(String.class).list();
        if (!stale.isEmpty()) {
            jdbc.sql("DELETE FROM debt_position_stale").update();
            ids.addAll(stale);
        }
        return ids;
    }

    private void markStale(Collection<String> customerIds) {
        List<Object[]> rows = customerIds.stream().map(id -> new Object[] {id}).toList();
        try {
            transactions.executeWithoutResult(status -> named.getJdbcTemplate()
                    .batchUpdate("INSERT INTO debt_position_stale (customer_id) VALUES (?)", rows));
        } catch (RuntimeException e) {
            log.warn("{} customers could not be marked for a rewrite of their debt positions; the next evaluation"
                    + " rewrites them: {}", customerIds.size(), e.toString());
        }
    }

    /** When the positions ({@code "positions"}) or the charged and collected days ({@code "collections"}) last ran. */
    public Optional<Run> lastRun(String part) {
        return jdbc.sql("SELECT name, as_of, ran_at, millis FROM debt_picture_run WHERE name = :name AND millis >= 0")
                .param("name", part)
                .query((rs, row) -> new Run(rs.getString("name"), rs.getObject("as_of", LocalDate.class),
                        rs.getObject("ran_at", OffsetDateTime.class).toInstant(), rs.getLong("millis")))
                .optional();
    }

    /** A full rebuild or an explicit refresh holds the picture alone, on every node: the positions' lock row. */
    private void lockExclusive() {
        jdbc.sql("SELECT name FROM debt_picture_run WHERE name = 'positions' FOR UPDATE").query(String.class).list();
    }

    /**
     * Rewrites after ledger changes run side by side but fail at once while a rebuild holds the picture. H2 (one
     * node, small ledgers) has no shared row locks: there they simply wait their turn.
     */
    private void lockShared() {
        try {
            jdbc.sql("SELECT name FROM debt_picture_run WHERE name = 'positions' "
                    + (postgres ? "FOR SHARE NOWAIT" : "FOR UPDATE")).query(String.class).list();
        } catch (DataAccessException lockNotAvailable) {
            // PostgreSQL's 55P03 is not one of Spring's translated states
            throw new PictureBusy();
        }
    }

    /** A rebuild holds the picture. */
    private static final class PictureBusy extends RuntimeException {
        PictureBusy() {
            super(null, null, false, false);
        }
    }

    private void recordRun(String part, LocalDate today, long millis) {
        jdbc.sql("UPDATE debt_picture_run SET as_of = :today, ran_at = :at, millis = :millis WHERE name = :name")
                .param("today", today)
                .param("at", clock.now().atOffset(ZoneOffset.UTC))
                .param("millis", millis)
                .param("name", part)
                .update();
    }

    /** The group's master plan as a CASE over the customer's group, with the groups and plans as parameters. */
    private static String masterPlanCase(Map<String, String> masterPlans,
            MapSqlParameterSource params) {
        if (masterPlans.isEmpty()) {
            return "CAST(NULL AS VARCHAR(128))";
        }
        StringBuilder sql = new StringBuilder("CASE c.group_name");
        int index = 0;
        for (Map.Entry<String, String> entry : masterPlans.entrySet()) {
            params.addValue("group" + index, entry.getKey());
            params.addValue("plan" + index, entry.getValue());
            sql.append(" WHEN :group").append(index).append(" THEN CAST(:plan").append(index).append(" AS VARCHAR(128))");
            index++;
        }
        return sql.append(" END").toString();
    }
}
