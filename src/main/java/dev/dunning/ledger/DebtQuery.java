package dev.dunning.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Real and conditional debt for many customers in one statement.
 * <p>
 * Payments naming an invoice pay that invoice first (the excess joins the customer's pool); the
 * pool pays the oldest invoices first, which a running sum over invoices ordered by due date
 * computes without loading anything into Java. The scope (everyone, some customers, one) is
 * applied to each base table so that the database reads only those customers' rows.
 */
final class DebtQuery {

    private static final String SQL = """
            WITH plan_rule (plan_key, real_cutoff, minimum_amount) AS (
                %PLAN_RULES%
            ),
            group_plan (group_name, plan_key) AS (
                %GROUP_PLANS%
            ),
            rules AS (
                SELECT c.customer_id, COALESCE(c.plan, gp.plan_key) AS plan_key, pr.real_cutoff, pr.minimum_amount
                FROM customer c
                LEFT JOIN group_plan gp ON gp.group_name = c.group_name
                LEFT JOIN plan_rule pr ON pr.plan_key = COALESCE(c.plan, gp.plan_key)
                WHERE %SCOPE_C%
            ),
            named AS (
                SELECT p.invoice_id, SUM(p.amount) AS paid
                FROM payment p
                WHERE p.status = 'confirmed' AND p.invoice_id IS NOT NULL AND %SCOPE_P%
                GROUP BY p.invoice_id
            ),
            applied AS (
                SELECT i.customer_id, i.invoice_id, i.due_on,
                       i.amount - LEAST(i.amount, COALESCE(n.paid, 0)) AS after_named,
                       GREATEST(COALESCE(n.paid, 0) - i.amount, 0) AS overflow
                FROM invoice i
                LEFT JOIN named n ON n.invoice_id = i.invoice_id
                WHERE %SCOPE_I%
            ),
            pool AS (
                SELECT x.customer_id, SUM(x.amount) AS amount
                FROM (
                    SELECT p.customer_id, p.amount FROM payment p
                    WHERE p.status = 'confirmed' AND p.invoice_id IS NULL AND %SCOPE_P%
                    UNION ALL
                    SELECT a.customer_id, a.overflow FROM applied a WHERE a.overflow > 0
                ) x
                GROUP BY x.customer_id
            ),
            balances AS (
                SELECT a.customer_id, a.invoice_id, a.due_on,
                       GREATEST(0, LEAST(a.after_named,
                           SUM(a.after_named) OVER (PARTITION BY a.customer_id ORDER BY a.due_on, a.invoice_id
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                           - COALESCE(pl.amount, 0))) AS open_amount
                FROM applied a
                LEFT JOIN pool pl ON pl.customer_id = a.customer_id
            ),
            debt AS (
                SELECT b.customer_id,
                       SUM(b.open_amount) AS balance,
                       SUM(CASE WHEN b.due_on < COALESCE(r.real_cutoff, :today) THEN b.open_amount ELSE 0 END) AS real_debt,
                       MIN(CASE WHEN b.open_amount > 0 AND b.due_on < :today THEN b.due_on END) AS oldest_due_on,
                       MAX(CASE WHEN b.open_amount > 0 AND b.due_on < COALESCE(r.real_cutoff, :today) THEN b.due_on END) AS newest_due_on
                FROM balances b
                JOIN rules r ON r.customer_id = b.customer_id
                GROUP BY b.customer_id
            ),
            active_freeze AS (
                SELECT f.freeze_id, f.customer_id, f.kind, f.amount, f.invoice_id, f.created_on
                FROM debt_freeze f
                WHERE f.lifted_at IS NULL AND (f.until IS NULL OR f.until >= :today) AND %SCOPE_F%
            ),
            promise_paid AS (
                SELECT f.freeze_id, SUM(p.amount) AS paid
                FROM active_freeze f
                JOIN payment p ON p.customer_id = f.customer_id AND p.paid_on >= f.created_on
                WHERE f.kind = 'promise'
                GROUP BY f.freeze_id
            ),
            frozen AS (
                SELECT f.customer_id,
                       SUM(CASE WHEN f.kind <> 'dispute' THEN 0
                                WHEN f.invoice_id IS NULL THEN COALESCE(f.amount, 0)
                                WHEN b.due_on < COALESCE(r.real_cutoff, :today)
                                    THEN LEAST(COALESCE(f.amount, b.open_amount), b.open_amount)
                                ELSE 0 END) AS dispute,
                       SUM(CASE WHEN f.kind = 'promise' THEN GREATEST(0, f.amount - COALESCE(pp.paid, 0)) ELSE 0 END) AS promise,
                       SUM(CASE WHEN f.kind = 'installment' THEN f.amount ELSE 0 END) AS installment
                FROM active_freeze f
                LEFT JOIN balances b ON b.invoice_id = f.invoice_id
                LEFT JOIN rules r ON r.customer_id = f.customer_id
                LEFT JOIN promise_paid pp ON pp.freeze_id = f.freeze_id
                GROUP BY f.customer_id
            ),
            unconfirmed AS (
                SELECT p.customer_id, SUM(p.amount) AS amount
                FROM payment p
                WHERE p.status = 'unconfirmed' AND %SCOPE_P%
                GROUP BY p.customer_id
            ),
            summary AS (
                SELECT r.customer_id, r.plan_key, r.minimum_amount,
                       COALESCE(d.balance, 0) AS balance,
                       COALESCE(d.real_debt, 0) AS real_debt,
                       COALESCE(fz.dispute, 0) AS dispute,
                       COALESCE(fz.promise, 0) AS promise,
                       COALESCE(fz.installment, 0) AS installment,
                       COALESCE(u.amount, 0) AS unconfirmed,
                       d.oldest_due_on, d.newest_due_on
                FROM rules r
                LEFT JOIN debt d ON d.customer_id = r.customer_id
                LEFT JOIN frozen fz ON fz.customer_id = r.customer_id
                LEFT JOIN unconfirmed u ON u.customer_id = r.customer_id
            )
            SELECT s.*,
                   s.real_debt - LEAST(s.real_debt, s.dispute + s.promise + s.installment + s.unconfirmed) AS conditional_debt
            FROM summary s
            %WHERE%
            """;

    private final NamedParameterJdbcTemplate jdbc;

    DebtQuery(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Streams the debt of the customers in scope (null: everyone) to {@code each}. {@code condition}
     * is an optional SQL condition on the result columns (aliased {@code s}), for example to keep
     * only customers worth a new case.
     */
    void forEach(LocalDate today, Collection<PlanRule> plans, Map<String, String> masterPlans,
            Collection<String> scope, String condition, Map<String, Object> conditionParams,
            Consumer<DebtSummary> each) {
        MapSqlParameterSource params = new MapSqlParameterSource("today", today);
        conditionParams.forEach(params::addValue);
        String sql = SQL
                .replace("%PLAN_RULES%", values(plans.stream().map(plan -> List.<Object>of(
                        plan.planKey(), today.minusDays(plan.graceDays()), plan.minimumAmount())).toList(),
                        "pr", params, "CAST(NULL AS VARCHAR(128)), CAST(NULL AS DATE), CAST(NULL AS NUMERIC(19,2))"))
                .replace("%GROUP_PLANS%", values(masterPlans.entrySet().stream().map(entry -> List.<Object>of(
                        entry.getKey(), entry.getValue())).toList(),
                        "gp", params, "CAST(NULL AS VARCHAR(64)), CAST(NULL AS VARCHAR(128))"))
                .replace("%SCOPE_C%", scope(scope, "c", params))
                .replace("%SCOPE_P%", scope(scope, "p", params))
                .replace("%SCOPE_I%", scope(scope, "i", params))
                .replace("%SCOPE_F%", scope(scope, "f", params))
                .replace("%WHERE%", condition == null ? "" : "WHERE " + condition);
        jdbc.query(sql, params, rs -> {
            each.accept(map(rs));
        });
    }

    List<DebtSummary> list(LocalDate today, Collection<PlanRule> plans, Map<String, String> masterPlans,
            Collection<String> scope) {
        List<DebtSummary> result = new ArrayList<>();
        forEach(today, plans, masterPlans, scope, null, Map.of(), result::add);
        return result;
    }

    private static String scope(Collection<String> customers, String alias, MapSqlParameterSource params) {
        if (customers == null) {
            return "1 = 1";
        }
        if (customers.isEmpty()) {
            return "1 = 0";
        }
        params.addValue("scope", customers);
        return alias + ".customer_id IN (:scope)";
    }

    /** A VALUES list of typed parameters; an empty list yields one all-NULL row that matches nothing. */
    private static String values(List<List<Object>> rows, String prefix, MapSqlParameterSource params, String empty) {
        if (rows.isEmpty()) {
            return "VALUES (" + empty + ")";
        }
        StringBuilder sql = new StringBuilder("VALUES ");
        for (int row = 0; row < rows.size(); row++) {
            sql.append(row == 0 ? "(" : ", (");
            List<Object> values = rows.get(row);
            for (int column = 0; column < values.size(); column++) {
                String name = prefix + row + "_" + column;
                Object value = values.get(column);
                params.addValue(name, value);
                sql.append(column == 0 ? "" : ", ").append(cast(name, value));
            }
            sql.append(")");
        }
        return sql.toString();
    }

    private static String cast(String name, Object value) {
        if (value instanceof LocalDate) {
            return "CAST(:" + name + " AS DATE)";
        }
        if (value instanceof BigDecimal) {
            return "CAST(:" + name + " AS NUMERIC(19,2))";
        }
        return "CAST(:" + name + " AS VARCHAR(128))";
    }

    private static DebtSummary map(ResultSet rs) throws SQLException {
        var frozen = new DebtSummary.Frozen(rs.getBigDecimal("dispute"), rs.getBigDecimal("promise"),
                rs.getBigDecimal("installment"), rs.getBigDecimal("unconfirmed"));
        return new DebtSummary(rs.getString("customer_id"), rs.getString("plan_key"), rs.getBigDecimal("minimum_amount"),
                rs.getBigDecimal("balance"), rs.getBigDecimal("real_debt"), frozen, rs.getBigDecimal("conditional_debt"),
                rs.getObject("oldest_due_on", LocalDate.class), rs.getObject("newest_due_on", LocalDate.class));
    }
}
