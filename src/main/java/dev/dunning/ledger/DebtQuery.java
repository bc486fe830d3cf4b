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
 * computes without loading anything into Java. Everything a customer has (invoices, payments,
 * freezes) is one stream of entries, summed with window functions and one GROUP BY, so the
 * database makes one sorted pass and never joins aggregates to each other. The scope (everyone,
 * some customers, one) is applied to each base table so that only those customers' rows are read.
 */
final class DebtQuery {

    private static final String CTES = """
            WITH plan_rule (plan_key, real_cutoff, minimum_amount) AS (
                %PLAN_RULES%
            ),
            group_plan (group_name, plan_key) AS (
                %GROUP_PLANS%
            ),
            -- the parts a customer's debt is worked in: '' for all of it, or, where providers are worked separately,
            -- '' for what no provider billed and one per provider, on the provider's plan when it names one
            debt_scope (scope, plan_key) AS (
                %DEBT_SCOPES%
            ),
            entries AS (
                -- the customer: which plan applies, so which grace cutoff and minimum
                SELECT c.customer_id, 'C' AS entry, CAST(NULL AS VARCHAR(64)) AS invoice_id, CAST(NULL AS DATE) AS due_on,
                       CAST(0 AS NUMERIC(19,2)) AS after_named, CAST(0 AS NUMERIC(19,2)) AS to_pool,
                       CAST(NULL AS NUMERIC(19,2)) AS amount, CAST(NULL AS VARCHAR(16)) AS freeze_kind,
                       %SCOPE_PLAN% AS plan_key, pr.real_cutoff, pr.minimum_amount,
                       CAST(NULL AS VARCHAR(64)) AS service, c.building,
                       CAST(0 AS NUMERIC(19,2)) AS to_common, ds.scope
                FROM customer c
                CROSS JOIN debt_scope ds
                LEFT JOIN group_plan gp ON gp.group_name = c.group_name
                LEFT JOIN plan_override o ON o.customer_id = c.customer_id
                LEFT JOIN plan_rule pr ON pr.plan_key = %SCOPE_PLAN%
                WHERE %SCOPE_C%
                UNION ALL
                -- invoices after the confirmed payments naming them; what those overpay joins the pool
                SELECT i.customer_id, 'I', i.invoice_id, i.due_on,
                       i.amount - LEAST(i.amount, i.paid), %OVERPAID_TO_PROVIDER%, i.amount, NULL,
                       NULL, NULL, NULL, i.service, NULL, %OVERPAID_TO_COMMON%, i.scope
                FROM (SELECT iv.customer_id, iv.invoice_id, iv.due_on, iv.amount, iv.service, %SCOPE_OF_SERVICE_IV% AS scope,
                             COALESCE((SELECT SUM(p.amount) FROM payment p
                                       WHERE p.invoice_id = iv.invoice_id AND p.status = 'confirmed'), 0) AS paid
                      FROM invoice iv WHERE %SCOPE_IV%) i
                UNION ALL
                -- confirmed payments naming no invoice: a provider's payment pays that provider's oldest invoices
                -- first; the rest (the common pool) pays the oldest invoices left, whoever's they are
                SELECT p.customer_id, 'P', NULL, NULL, 0, %PROVIDER_POOL%, p.amount, NULL, NULL, NULL, NULL, NULL, NULL,
                       %COMMON_POOL%, %SCOPE_OF_PAYMENT%
                FROM payment p
                WHERE p.status = 'confirmed' AND p.invoice_id IS NULL AND %SCOPE_P%
                UNION ALL
                -- unconfirmed payments are frozen, not allocated
                SELECT p.customer_id, 'U', NULL, NULL, 0, 0, p.amount, NULL, NULL, NULL, NULL, NULL, NULL, 0,
                       %SCOPE_OF_UNCONFIRMED%
                FROM payment p
                WHERE p.status = 'unconfirmed' AND %SCOPE_P%
                UNION ALL
                -- freezes in force today; a promise shrinks by what was paid since it was made
                SELECT f.customer_id, 'F', f.invoice_id, NULL, 0, 0,
                       CASE WHEN f.kind = 'promise'
                            THEN GREATEST(0, f.amount - COALESCE((SELECT SUM(p.amount) FROM payment p
                                                                  WHERE p.customer_id = f.customer_id
                                                                    AND p.paid_on >= f.created_on), 0))
                            ELSE f.amount END,
                       f.kind, NULL, NULL, NULL, NULL, NULL, 0, %SCOPE_OF_FREEZE%
                FROM debt_freeze f
                WHERE f.lifted_at IS NULL AND (f.until IS NULL OR f.until >= :today) AND %SCOPE_F%
            ),
%ALLOCATION%            per_invoice AS (
                SELECT o.*,
                       MAX(CASE WHEN o.entry = 'I' AND o.due_on < COALESCE(o.cutoff, :today) THEN o.open_amount ELSE 0 END)
                           OVER (PARTITION BY o.customer_id, o.scope, o.invoice_id) AS invoice_real_open
                FROM opened o
            ),
            summary AS (
                SELECT customer_id, scope,
                       MAX(plan_key) AS plan_key,
                       MAX(minimum_amount) AS minimum_amount,
                       COALESCE(SUM(CASE WHEN entry = 'I' THEN open_amount END), 0) AS balance,
                       COALESCE(SUM(CASE WHEN entry = 'I' AND due_on < COALESCE(cutoff, :today) THEN open_amount END), 0)
                           AS real_debt,
                       MIN(CASE WHEN entry = 'I' AND open_amount > 0 AND due_on < :today THEN due_on END) AS oldest_due_on,
                       MAX(CASE WHEN entry = 'I' AND open_amount > 0 AND due_on < COALESCE(cutoff, :today) THEN due_on END)
                           AS newest_due_on,
                       -- a disputed invoice freezes what it still owes as real debt (or the smaller amount given);
                       -- an invoice not yet in real debt freezes nothing
                       COALESCE(SUM(CASE WHEN entry = 'F' AND freeze_kind = 'dispute' THEN
                                    CASE WHEN invoice_id IS NULL THEN amount
                                         WHEN amount IS NULL THEN invoice_real_open
                                         WHEN amount < invoice_real_open THEN amount
                                         ELSE invoice_real_open END END), 0)
                           AS dispute,
                       COALESCE(SUM(CASE WHEN entry = 'F' AND freeze_kind = 'promise' THEN amount END), 0) AS promise,
                       COALESCE(SUM(CASE WHEN entry = 'F' AND freeze_kind = 'installment' THEN amount END), 0) AS installment,
                       COALESCE(SUM(CASE WHEN entry = 'U' THEN amount END), 0) AS unconfirmed%EXTRA%
                FROM per_invoice
                GROUP BY customer_id, scope
                -- a provider's scope counts only where the provider billed the customer
                HAVING MAX(CASE WHEN entry = 'C' THEN 1 ELSE 0 END) = 1
                   AND (scope = '' OR MAX(CASE WHEN entry = 'I' THEN 1 ELSE 0 END) = 1)
            )
            """;

    private static final String SQL = CTES + """
            SELECT s.*,
                   s.real_debt - LEAST(s.real_debt, s.dispute + s.promise + s.installment + s.unconfirmed) AS conditional_debt
            FROM summary s
            %WHERE%
            """;

    /**
     * Today's position of each customer in scope per service of their invoices, written to {@code debt_position} in
     * one statement (the caller deletes the old rows first). The customer's frozen amount (real less conditional debt)
     * is shared over services in proportion to their real debt; the largest service takes the rounding remainder, so
     * that a customer's rows add up to their conditional debt to the cent.
     */
    private static final String INSERT_POSITIONS = """
            INSERT INTO debt_position (customer_id, service, group_name, plan_key, building, as_of, balance, real_debt,
                                       frozen, conditional_debt, not_due, overdue_1_30, overdue_31_60, overdue_61_90,
                                       overdue_91_180, overdue_over_180, oldest_due_on, counted)
            """;

    private static final String POSITIONS = """
            ,
            service_debt AS (
                SELECT customer_id, scope, COALESCE(service, '') AS service,
                       SUM(open_amount) AS balance,
                       SUM(CASE WHEN due_on < COALESCE(cutoff, :today) THEN open_amount ELSE 0 END) AS real_debt,
                       SUM(CASE WHEN due_on >= :today THEN open_amount ELSE 0 END) AS not_due,
                       SUM(CASE WHEN due_on < :today AND due_on >= :overdue30 THEN open_amount ELSE 0 END) AS overdue_1_30,
                       SUM(CASE WHEN due_on < :overdue30 AND due_on >= :overdue60 THEN open_amount ELSE 0 END) AS overdue_31_60,
                       SUM(CASE WHEN due_on < :overdue60 AND due_on >= :overdue90 THEN open_amount ELSE 0 END) AS overdue_61_90,
                       SUM(CASE WHEN due_on < :overdue90 AND due_on >= :overdue180 THEN open_amount ELSE 0 END) AS overdue_91_180,
                       SUM(CASE WHEN due_on < :overdue180 THEN open_amount ELSE 0 END) AS overdue_over_180,
                       MIN(CASE WHEN open_amount > 0 AND due_on < :today THEN due_on END) AS oldest_due_on,
                       CAST(NULL AS NUMERIC(19,2)) AS customer_frozen, CAST(NULL AS VARCHAR(128)) AS plan_key, 'S' AS row_kind
                FROM per_invoice
                WHERE entry = 'I'
                GROUP BY customer_id, scope, COALESCE(service, '')
                HAVING SUM(open_amount) > 0
            ),
            -- the customer's own figures travel to their service rows by window functions, not by a join: H2 would
            -- evaluate a joined CTE again for every row
            with_customer AS (
                SELECT * FROM service_debt
                UNION ALL
                SELECT s.customer_id, s.scope, '', 0, s.real_debt, 0, 0, 0, 0, 0, 0, NULL,
                       LEAST(s.real_debt, s.dispute + s.promise + s.installment + s.unconfirmed), s.plan_key, 'C'
                FROM summary s
            ),
            spread AS (
                SELECT w.*,
                       MAX(w.customer_frozen) OVER (PARTITION BY w.customer_id, w.scope) AS frozen_total,
                       MAX(w.plan_key) OVER (PARTITION BY w.customer_id, w.scope) AS customer_plan,
                       SUM(CASE WHEN w.row_kind = 'S' THEN w.real_debt ELSE 0 END) OVER (PARTITION BY w.customer_id, w.scope)
                           AS customer_real
                FROM with_customer w
            ),
            ranked AS (
                SELECT d.*,
                       ROW_NUMBER() OVER (PARTITION BY d.customer_id ORDER BY d.real_debt DESC, d.balance DESC, d.service)
                           AS service_rank,
                       ROW_NUMBER() OVER (PARTITION BY d.customer_id, d.scope ORDER BY d.real_debt DESC, d.balance DESC,
                                          d.service) AS scope_rank,
                       CASE WHEN d.customer_real = 0 THEN CAST(0 AS NUMERIC(19,2))
                            ELSE CAST(ROUND(d.frozen_total * d.real_debt / d.customer_real, 2) AS NUMERIC(19,2)) END
                           AS frozen_share
                FROM spread d
                WHERE d.row_kind = 'S'
            ),
            shared AS (
                SELECT r.*,
                       CASE WHEN r.scope_rank = 1
                            THEN r.frozen_total - SUM(r.frozen_share) OVER (PARTITION BY r.customer_id, r.scope) + r.frozen_share
                            ELSE r.frozen_share END AS frozen
                FROM ranked r
            )
            SELECT sh.customer_id, sh.service, c.group_name, COALESCE(sh.customer_plan, ''), COALESCE(c.building, ''), :today,
                   sh.balance, sh.real_debt, sh.frozen, sh.real_debt - sh.frozen, sh.not_due, sh.overdue_1_30,
                   sh.overdue_31_60, sh.overdue_61_90, sh.overdue_91_180, sh.overdue_over_180, sh.oldest_due_on,
                   sh.service_rank = 1
            FROM shared sh
            JOIN customer c ON c.customer_id = sh.customer_id
            """;

    /**
     * Which plan applies, first that is set: an analyst's override, the registry's plan column, what the group's
     * decision table or split chose at the last evaluation, the group's master plan.
     */
    static final String APPLYING_PLAN = "COALESCE(o.plan_key, c.plan, c.chosen_plan, gp.plan_key)";
    /** What the inputs of a group's plan choice are worked out under: the group's master plan. */
    static final String MASTER_PLAN = "gp.plan_key";

    /** What a plan choice needs besides the debt: the real debt's invoices, their service, the building. */
    private static final String CHOICE_INPUTS = """
            ,
                       COUNT(CASE WHEN entry = 'I' AND open_amount > 0 AND due_on < COALESCE(cutoff, :today) THEN 1 END)
                           AS unpaid_invoices,
                       COUNT(DISTINCT CASE WHEN entry = 'I' AND open_amount > 0 AND due_on < COALESCE(cutoff, :today)
                                           THEN service END) AS service_count,
                       MAX(CASE WHEN entry = 'I' AND open_amount > 0 AND due_on < COALESCE(cutoff, :today)
                                THEN service END) AS service,
                       MAX(building) AS building""";

    private final NamedParameterJdbcTemplate jdbc;
    private final DebtScopes scopes;

    DebtQuery(NamedParameterJdbcTemplate jdbc, DebtScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
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
        jdbc.query(sql(today, plans, masterPlans, scope, APPLYING_PLAN, false, scopes.separate(), condition,
                        conditionParams, params),
                params, rs -> {
                    each.accept(map(rs));
                });
    }

    /**
     * Streams the inputs of the plan choice of the customers matching {@code customerCondition} (an SQL condition
     * over {@code customer c}), with their debt worked out under their group's master plan.
     */
    void forEachChoiceInput(LocalDate today, Collection<PlanRule> plans, Map<String, String> masterPlans,
            String customerCondition, Map<String, Object> conditionParams, Consumer<PlanChoiceInput> each) {
        MapSqlParameterSource params = new MapSqlParameterSource("today", today);
        conditionParams.forEach(params::addValue);
        // a plan choice is the customer's: it looks at their whole debt
        String sql = sql(today, plans, masterPlans, null, MASTER_PLAN, true, false, null, Map.of(), params)
                .replace("%SCOPE_C%", customerCondition)
                .replace("%SCOPE_IV%", "iv.customer_id IN (SELECT c.customer_id FROM customer c WHERE " + customerCondition + ")")
                .replace("%SCOPE_P%", "p.customer_id IN (SELECT c.customer_id FROM customer c WHERE " + customerCondition + ")")
                .replace("%SCOPE_F%", "f.customer_id IN (SELECT c.customer_id FROM customer c WHERE " + customerCondition + ")");
        jdbc.query(sql, params, rs -> {
            long services = rs.getLong("service_count");
            each.accept(new PlanChoiceInput(rs.getString("customer_id"), rs.getBigDecimal("real_debt"),
                    rs.getInt("unpaid_invoices"), services == 1 ? rs.getString("service") : services > 1
                            ? PlanChoiceInput.MIXED : null, rs.getString("building")));
        });
    }

    private String sql(LocalDate today, Collection<PlanRule> plans, Map<String, String> masterPlans,
            Collection<String> scope, String planExpression, boolean choiceInputs, boolean separate, String condition,
            Map<String, Object> conditionParams, MapSqlParameterSource params) {
        return sql(SQL, today, plans, masterPlans, scope, planExpression, choiceInputs, separate, condition,
                conditionParams, params);
    }

    private String sql(String template, LocalDate today, Collection<PlanRule> plans, Map<String, String> masterPlans,
            Collection<String> scope, String planExpression, boolean choiceInputs, boolean separate, String condition,
            Map<String, Object> conditionParams, MapSqlParameterSource params) {
        conditionParams.forEach(params::addValue);
        String sql = scopes.apply(template, separate, params)
                .replace("%PLAN_RULES%", values(plans.stream().map(plan -> List.<Object>of(
                        plan.planKey(), today.minusDays(plan.graceDays()), plan.minimumAmount())).toList(),
                        "pr", params, "CAST(NULL AS VARCHAR(128)), CAST(NULL AS DATE), CAST(NULL AS NUMERIC(19,2))"))
                .replace("%GROUP_PLANS%", values(masterPlans.entrySet().stream().map(entry -> List.<Object>of(
                        entry.getKey(), entry.getValue())).toList(),
                        "gp", params, "CAST(NULL AS VARCHAR(64)), CAST(NULL AS VARCHAR(128))"))
                .replace("%PLAN%", planExpression)
                .replace("%EXTRA%", choiceInputs ? CHOICE_INPUTS : "")
                .replace("%WHERE%", condition == null ? "" : "WHERE " + condition);
        if (!choiceInputs) {
            sql = sql.replace("%SCOPE_C%", scope(scope, "c", params))
                    .replace("%SCOPE_P%", scope(scope, "p", params))
                    .replace("%SCOPE_IV%", scope(scope, "iv", params))
                    .replace("%SCOPE_F%", scope(scope, "f", params));
        }
        return sql;
    }

    /** Writes today's positions of the customers in scope (null: everyone) to {@code debt_position}; returns the rows. */
    int writePositions(LocalDate today, Collection<PlanRule> plans, Map<String, String> masterPlans,
            Collection<String> scope) {
        MapSqlParameterSource params = new MapSqlParameterSource("today", today)
                .addValue("overdue30", today.minusDays(30))
                .addValue("overdue60", today.minusDays(60))
                .addValue("overdue90", today.minusDays(90))
                .addValue("overdue180", today.minusDays(180));
        String sql = sql(INSERT_POSITIONS + CTES + POSITIONS, today, plans, masterPlans, scope, APPLYING_PLAN, false,
                scopes.separate(), null, Map.of(), params);
        return jdbc.update(sql, params);
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
                rs.getObject("oldest_due_on", LocalDate.class), rs.getObject("newest_due_on", LocalDate.class),
                DebtScopes.providerOf(rs.getString("scope")));
    }
}
