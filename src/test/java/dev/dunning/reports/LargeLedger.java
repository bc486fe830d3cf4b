package dev.dunning.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A large ledger written straight into PostgreSQL with set-based SQL ({@code generate_series}, {@code INSERT ...
 * SELECT}), for benchmarks of what reads the ledger and the debt picture; the import is not involved and not
 * measured. Everything is derived from the customer's number {@code n}, so runs are repeatable and figures can be
 * reasoned about:
 * <ul>
 * <li>customers {@code L<n>}: 70 % {@code individual}, 20 % {@code business}, 10 % {@code public} (by
 * {@code (n / 3) mod 10}); building {@code bld-<(n / 11) mod buildings>}; a customer's invoices go to three of the {@link #SERVICES services};</li>
 * <li>{@code invoicesPerCustomer} invoices each, due 45 days apart, the last one due between 19 days ago and
 * 10 days from now (with 5, the oldest is 180 to 199 days overdue); issued
 * 20 days before their due date; amounts 100.00 to 999.00;</li>
 * <li>payments: all invoices but the last two are paid in full two days before their due date, except for every
 * tenth customer (who stopped paying); every fourth customer paid half of their second-to-last invoice;</li>
 * <li>freezes: a promise for every 50th customer (made 0 to 129 days ago, due 10 days after it was made), every other
 * one kept by a payment of its amount 3 days after it was made; a dispute for every 200th;</li>
 * <li>cases: every fifth customer has an active case (one in seven suspended) at one of the six stages; notices in the
 * last 30 days for each of them over three channels; collectors' tasks for every 25th.</li>
 * </ul>
 * Only on PostgreSQL. Runs {@code VACUUM ANALYZE} at the end, as autovacuum would (it may be off).
 */
public final class LargeLedger {

    public static final String[] SERVICES = {"water", "heating", "electricity", "waste", "gas"};
    public static final String[] STAGES = {"grace", "reminder", "call", "pretrial", "legal", "restriction"};

    private final JdbcTemplate jdbc;
    private final int customers;
    private final int invoicesPerCustomer;
    private final int buildings;

    public LargeLedger(JdbcTemplate jdbc, int customers, int invoicesPerCustomer, int buildings) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.invoicesPerCustomer = invoicesPerCustomer;
        this.buildings = buildings;
    }

    /** Writes the ledger as of {@code today}; {@code step} hears each table's row count and seconds. */
    public void generate(LocalDate today, Instant now, BiConsumer<String, String> step) {
        var at = now.atOffset(ZoneOffset.UTC);
        timed(step, "customers", () -> jdbc.update("""
                INSERT INTO customer (customer_id, name, group_name, email, locale, building, updated_at)
                SELECT 'L' || n, 'Large Customer ' || n,
                       CASE WHEN (n / 3) % 10 < 7 THEN 'individual' WHEN (n / 3) % 10 < 9 THEN 'business' ELSE 'public' END,
                       'large' || n || '@example.org', 'ru', 'bld-' || ((n / 11) % ?), ?
                FROM generate_series(0, ? - 1) n""", buildings, at, customers));
        // invoice k of customer n is due (k - last) * 45 - n mod 30 + 10 days from today: the last one lately or soon
        timed(step, "invoices", () -> jdbc.update("""
                INSERT INTO invoice (invoice_id, customer_id, contract, service, issued_on, due_on, amount, currency,
                                     imported_at)
                SELECT 'L' || n || '-' || k, 'L' || n, 'K' || n || '-' || (k % 2),
                       (ARRAY['water', 'heating', 'electricity', 'waste', 'gas'])[1 + (n + k % 3) % 5],
                       d - 20, d, 100 + (n * 7 + k * 13) % 900, 'RUB', ?
                FROM (SELECT n, k, CAST(? AS DATE) + ((k - ? + 1) * 45 - n % 30 + 10) AS d
                      FROM generate_series(0, ? - 1) n, generate_series(0, ? - 1) k) x""",
                at, today, invoicesPerCustomer, customers, invoicesPerCustomer));
        timed(step, "payments", () -> jdbc.update("""
                INSERT INTO payment (payment_id, customer_id, invoice_id, paid_on, amount, currency, status, received_at)
                SELECT 'LP' || n || '-' || k, 'L' || n, 'L' || n || '-' || k, d - 2,
                       CASE WHEN k = ? - 2 THEN ROUND((100 + (n * 7 + k * 13) % 900) / 2.0, 2)
                            ELSE 100 + (n * 7 + k * 13) % 900 END,
                       'RUB', 'confirmed', ?
                FROM (SELECT n, k, CAST(? AS DATE) + ((k - ? + 1) * 45 - n % 30 + 10) AS d
                      FROM generate_series(0, ? - 1) n, generate_series(0, ? - 1) k) x
                WHERE n % 10 <> 0 AND (k < ? - 2 OR (k = ? - 2 AND n % 4 = 0))""",
                invoicesPerCustomer, at, today, invoicesPerCustomer, customers, invoicesPerCustomer,
                invoicesPerCustomer, invoicesPerCustomer));
        timed(step, "freezes", () -> jdbc.update("""
                INSERT INTO debt_freeze (freeze_id, customer_id, kind, amount, until, reason, created_on, created_at,
                                         created_by)
                SELECT 'LF' || n, 'L' || n, CASE WHEN n % 50 <> 3 THEN 'dispute' ELSE 'promise' END,
                       100 + n % 400, CASE WHEN n % 50 <> 3 THEN NULL ELSE CAST(? AS DATE) - (n / 50) % 130 + 10 END,
                       'benchmark', CAST(? AS DATE) - (n / 50) % 130, ?, 'collector'
                FROM generate_series(0, ? - 1) n WHERE n % 50 = 3 OR n % 200 = 1""", today, today, at, customers));
        // every other promise is kept: paid in full three days after it was made (before its date, 10 days on)
        timed(step, "kept promises' payments", () -> jdbc.update("""
                INSERT INTO payment (payment_id, customer_id, paid_on, amount, currency, status, received_at)
                SELECT 'LPP' || n, 'L' || n, CAST(? AS DATE) - (n / 50) % 130 + 3, 100 + n % 400, 'RUB', 'confirmed', ?
                FROM generate_series(0, ? - 1) n WHERE n % 50 = 3 AND (n / 50) % 2 = 0 AND (n / 50) % 130 >= 3""",
                today, at, customers));
        timed(step, "cases", () -> jdbc.update("""
                INSERT INTO collection_case (case_id, customer_id, active_key, plan_key, plan_version, status, stage,
                                             opened_at)
                SELECT 'LC' || n, 'L' || n, 'L' || n || '|',
                       CASE WHEN (n / 3) % 10 < 7 THEN 'individual' WHEN (n / 3) % 10 < 9 THEN 'business' ELSE 'public' END
                           || '-standard', 1, CASE WHEN n % 7 = 0 THEN 'suspended' ELSE 'open' END,
                       (ARRAY['grace', 'reminder', 'call', 'pretrial', 'legal', 'restriction'])[1 + (n / 5) % 6], ?
                FROM generate_series(0, ? - 1) n WHERE n % 5 = 0""", at, customers));
        timed(step, "notices", () -> jdbc.update("""
                INSERT INTO notice (notice_id, customer_id, case_id, channel, template, locale, body, created_at, outcome)
                SELECT 'LN' || n || '-' || c, 'L' || n, 'LC' || n, (ARRAY['email', 'sms', 'voice'])[1 + c], 'reminder',
                       'ru', 'benchmark', CAST(? AS TIMESTAMP WITH TIME ZONE) - (n % 29 + c) * INTERVAL '1 day',
                       CASE WHEN c = 2 THEN (ARRAY['answered', 'no-answer', 'busy'])[1 + n % 3] END
                FROM generate_series(0, ? - 1) n, generate_series(0, 2) c WHERE n % 5 = 0""", at, customers));
        timed(step, "notice deliveries", () -> jdbc.update("""
                INSERT INTO notice_delivery (notice_id, created_seq, status, attempts, sent_at)
                SELECT notice_id, created_seq, CASE WHEN created_seq % 20 = 0 THEN 'failed' ELSE 'sent' END, 1, created_at
                FROM notice WHERE notice_id LIKE 'LN%'"""));
        timed(step, "work items", () -> jdbc.update("""
                INSERT INTO work_item (task_id, lane, name, activity_id, customer_id, case_id, assignee, priority, amount,
                                       oldest_due_on, promise_due, created_at, suspended)
                SELECT 'LT' || n, l.lane, 'Call', 'call', 'L' || n, 'LC' || n,
                       CASE WHEN l.lane = '' AND n % 3 <> 0 THEN 'collector' || (n % 12) END, 50, 100 + n % 900,
                       CAST(? AS DATE) - 30, DATE '9999-12-31', ?, FALSE
                FROM generate_series(0, ? - 1) n,
                     (SELECT '' AS lane UNION ALL SELECT 'collectors') l
                WHERE n % 25 = 0 AND (l.lane = '' OR n % 3 = 0)""", today, at, customers));
        // what autovacuum does on a live database (it may be off here): statistics, and the visibility map that lets
        // PostgreSQL answer from an index alone
        timed(step, "vacuum analyze", () -> {
            jdbc.execute("VACUUM ANALYZE");
            return 0;
        });
    }

    private static void timed(BiConsumer<String, String> step, String what, java.util.function.IntSupplier work) {
        long started = System.nanoTime();
        int rows = work.getAsInt();
        step.accept(what, String.format("%,d rows in %.1f s", rows, (System.nanoTime() - started) / 1e9));
    }
}
