package dev.dunning.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What customers still have to pay on each coming date, in one statement per set of customers.
 * <p>
 * Invoices are paid as {@link DebtQuery} pays them: confirmed payments naming an invoice pay it first
 * (the excess joins the pool), and the pool pays the oldest invoices first, so an overdue invoice
 * takes a payment before one that is not due yet. An invoice under an active dispute is not asked for
 * (the disputed amount, or all of it when the dispute gives no amount). An installment is paid by every
 * payment the customer made since their installments began, in the order of the installments' dates,
 * as a promise is paid in {@code DebtQuery}. The amounts of one customer and date are added up.
 */
final class DueQuery {

    /**
     * Customers who have an invoice or an installment falling due in the window on a date the caller's
     * condition keeps: only they are worked out, so dates already taken care of cost an index look-up each.
     */
    private static final String IN_WINDOW = """
            in_window (customer_id) AS (
                SELECT DISTINCT d.customer_id
                FROM (SELECT iw.customer_id, iw.due_on, cw.group_name
                      FROM invoice iw JOIN customer cw ON cw.customer_id = iw.customer_id
                      WHERE iw.due_on BETWEEN :from AND :to
                      UNION
                      SELECT fw.customer_id, fw.until, cw.group_name
                      FROM debt_freeze fw JOIN customer cw ON cw.customer_id = fw.customer_id
                      WHERE fw.kind = 'installment' AND fw.lifted_at IS NULL AND fw.until BETWEEN :from AND :to) d
                WHERE %EARLY_CONDITION%
            ),""";

    private static final String SQL = """
            WITH %IN_WINDOW%
            invoices AS (
                SELECT iv.customer_id, iv.invoice_id, iv.due_on, iv.amount, %SCOPE_OF_SERVICE_IV% AS scope,
                       COALESCE((SELECT SUM(p.amount) FROM payment p
                                 WHERE p.invoice_id = iv.invoice_id AND p.status = 'confirmed'), 0) AS paid
                FROM invoice iv
                WHERE %SCOPE_IV%
            ),
            entries AS (
                -- invoices after the confirmed payments naming them; what those overpay joins the pool
                SELECT i.customer_id, 'I' AS entry, i.invoice_id, i.due_on,
                       i.amount - LEAST(i.amount, i.paid) AS after_named, %OVERPAID_TO_PROVIDER% AS to_pool,
                       %OVERPAID_TO_COMMON% AS to_common, i.scope, CAST(NULL AS DATE) AS real_cutoff
                FROM invoices i
                UNION ALL
                -- confirmed payments naming no invoice: the pool that pays the oldest invoices first
                SELECT p.customer_id, 'P', CAST(NULL AS VARCHAR(64)), CAST(NULL AS DATE), CAST(0 AS NUMERIC(19,2)),
                       %PROVIDER_POOL%, %COMMON_POOL%, %SCOPE_OF_PAYMENT%, CAST(NULL AS DATE)
                FROM payment p
                WHERE p.status = 'confirmed' AND p.invoice_id IS NULL AND %SCOPE_P%
            ),
            %ALLOCATION%
            open_invoices AS (
                SELECT a.customer_id, a.invoice_id, a.due_on, a.open_amount
                FROM opened a
                WHERE a.invoice_id IS NOT NULL AND %RANGE_A%
            ),
            disputed AS (
                SELECT f.invoice_id, SUM(f.amount) AS amount, MAX(CASE WHEN f.amount IS NULL THEN 1 ELSE 0 END) AS whole
                FROM debt_freeze f
                WHERE f.kind = 'dispute' AND f.invoice_id IS NOT NULL AND f.lifted_at IS NULL
                  AND (f.until IS NULL OR f.until >= :today) AND %SCOPE_F%
                GROUP BY f.invoice_id
            ),
            installments AS (
                SELECT f.customer_id, f.until, f.amount,
                       SUM(f.amount) OVER (PARTITION BY f.customer_id ORDER BY f.until, f.freeze_id
                                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS through,
                       MIN(f.created_on) OVER (PARTITION BY f.customer_id) AS since
                FROM debt_freeze f
                WHERE f.kind = 'installment' AND f.lifted_at IS NULL AND %SCOPE_F%
            ),
            due AS (
                SELECT o.customer_id, o.due_on,
                       CASE WHEN d.whole = 1 THEN 0
                            ELSE o.open_amount - LEAST(o.open_amount, COALESCE(d.amount, 0)) END AS amount
                FROM open_invoices o
                LEFT JOIN disputed d ON d.invoice_id = o.invoice_id
                UNION ALL
                SELECT i.customer_id, i.until,
                       GREATEST(0, LEAST(i.amount, i.through - COALESCE((SELECT SUM(p.amount) FROM payment p
                                                                         WHERE p.customer_id = i.customer_id
                                                                           AND p.paid_on >= i.since), 0)))
                FROM installments i
                WHERE %RANGE_I%
            ),
            per_date AS (
                SELECT s.customer_id, c.group_name, s.due_on, s.amount_due
                FROM (SELECT customer_id, due_on, SUM(amount) AS amount_due FROM due GROUP BY customer_id, due_on) s
                JOIN customer c ON c.customer_id = s.customer_id
            )
            SELECT d.customer_id, d.group_name, d.due_on, d.amount_due
            FROM per_date d
            WHERE d.amount_due > 0 %CONDITION%
            ORDER BY d.due_on, d.customer_id
            %LIMIT%
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final DebtScopes scopes;

    DueQuery(NamedParameterJdbcTemplate jdbc, DebtScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** The allocation placeholders filled as the debt queries fill them (see {@link DebtScopes}). */
    private String allocated(String sql, MapSqlParameterSource params) {
        return scopes.apply(sql, scopes.separate(), params);
    }

    /**
     * Streams, by date and customer, the amounts due between {@code from} and {@code to} (inclusive) of
     * every customer with something falling due then. {@code condition} is an optional SQL condition on
     * the row {@code d} (columns {@code customer_id}, {@code group_name}, {@code due_on}) with its
     * parameters; it is applied before the amounts are worked out, and again to the result.
     */
    void forEachInWindow(LocalDate today, LocalDate from, LocalDate to, String condition,
            Map<String, Object> conditionParams, Consumer<AmountDue> each) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("today", today).addValue("from", from).addValue("to", to);
        conditionParams.forEach(params::addValue);
        String scope = ".customer_id IN (SELECT customer_id FROM in_window)";
        String sql = allocated(SQL, params).replace("%IN_WINDOW%", IN_WINDOW.replace("%EARLY_CONDITION%", condition == null ? "1 = 1" : condition))
                .replace("%SCOPE_IV%", "iv" + scope)
                .replace("%SCOPE_P%", "p" + scope)
                .replace("%SCOPE_F%", "f" + scope)
                .replace("%RANGE_A%", "a.due_on BETWEEN :from AND :to")
                .replace("%RANGE_I%", "i.until BETWEEN :from AND :to")
                .replace("%CONDITION%", condition == null ? "" : "AND (" + condition + ")")
                .replace("%LIMIT%", "");
        jdbc.query(sql, params, rs -> {
            each.accept(map(rs));
        });
    }

    /** The amounts one customer has due on {@code from} or later (up to {@code to} when given), earliest first. */
    List<AmountDue> ofCustomer(LocalDate today, String customerId, LocalDate from, LocalDate to, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("today", today).addValue("from", from).addValue("to", to)
                .addValue("customer", customerId).addValue("limit", limit);
        String scope = ".customer_id = :customer";
        String sql = allocated(SQL, params).replace("%IN_WINDOW%", "")
                .replace("%SCOPE_IV%", "iv" + scope)
                .replace("%SCOPE_P%", "p" + scope)
                .replace("%SCOPE_F%", "f" + scope)
                .replace("%RANGE_A%", to == null ? "a.due_on >= :from" : "a.due_on BETWEEN :from AND :to")
                .replace("%RANGE_I%", to == null ? "i.until >= :from" : "i.until BETWEEN :from AND :to")
                .replace("%CONDITION%", "")
                .replace("%LIMIT%", "FETCH FIRST :limit ROWS ONLY");
        List<AmountDue> result = new ArrayList<>();
        jdbc.query(sql, params, rs -> {
            result.add(map(rs));
        });
        return result;
    }

    private static AmountDue map(ResultSet rs) throws SQLException {
        return new AmountDue(rs.getString("customer_id"), rs.getString("group_name"),
                rs.getObject("due_on", LocalDate.class), rs.getBigDecimal("amount_due"));
    }
}
