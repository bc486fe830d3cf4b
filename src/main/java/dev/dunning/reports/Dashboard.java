package dev.dunning.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPictureRebuilt;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.reports.DashboardFigures.AgingBucket;
import dev.dunning.reports.DashboardFigures.Debt;
import dev.dunning.reports.DashboardFigures.Freshness;
import dev.dunning.reports.DashboardFigures.MonthRate;
import dev.dunning.reports.DashboardFigures.NoticeCount;
import dev.dunning.reports.DashboardFigures.PromiseRate;
import dev.dunning.reports.DashboardFigures.StageCount;
import dev.dunning.reports.DashboardFigures.Workload;

/**
 * The managers' dashboard: today's debt and its aging from the debt picture, the collection rate of the last twelve
 * months, active cases by stage, the promise-kept rate, notices by channel and result, and the collectors' open work,
 * all for one {@link PictureFilter}.
 * <p>
 * Money figures read the picture ({@code debt_position}, and {@code collection_day} summed per month), never the
 * ledger; the notices of the days before today are summed once per evaluation ({@link DashboardSummaries}). Cases,
 * promises, notices and work items are filtered through their customer (group, building) and their case (plan). Payments,
 * promises, notices and tasks belong to the customer rather than to one service, so the service filter applies to the
 * debt, the aging and the cases only (customer-wide cases, and the cases for that service), as {@code collection_day}
 * has no service either.
 */
@Service
public class Dashboard {

    /** The stages in the order a case goes through them: the funnel's order. */
    public static final List<String> STAGES = List.of("grace", "reminder", "call", "pretrial", "legal", "restriction");
    public static final List<Integer> PROMISE_WINDOWS = List.of(30, 90);
    static final int NOTICE_DAYS = 30;
    static final int MONTHS = 12;
    private static final int MAX_FILTER_LENGTH = 128;

    private final NamedParameterJdbcTemplate jdbc;
    private final DebtPositions positions;
    private final DashboardSummaries summaries;
    private final BusinessClock clock;
    private final TransactionTemplate readOnly;

    Dashboard(DataSource dataSource, DebtPositions positions, DashboardSummaries summaries, BusinessClock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = new NamedParameterJdbcTemplate(new JdbcTemplate(dataSource));
        this.positions = positions;
        this.summaries = summaries;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Sums the collection months and the notices again if the evaluation rebuilt the picture since; the first view
     * after an evaluation does it otherwise. Runs right after each rebuild, so that no manager waits for it.
     */
    public void refreshSummaries() {
        summaries.bringUpToDate();
    }

    @EventListener
    void onPictureRebuilt(DebtPictureRebuilt rebuilt) {
        refreshSummaries();
    }

    /** Every figure for this filter. Rejects filter values longer than the picture's key columns. */
    public DashboardFigures figures(PictureFilter filter) {
        check("group", filter.group());
        check("plan", filter.plan());
        check("building", filter.building());
        check("service", filter.service());
        summaries.bringUpToDate();
        LocalDate today = clock.today();
        return readOnly.execute(status -> {
            Map<String, Object> sums = positionSums(filter);
            return new DashboardFigures(filter, today, freshness("positions"), freshness("collections"), debt(sums),
                    aging(sums), collectionRate(filter, today), casesByStage(filter), promises(filter, today),
                    notices(filter, today), workload(filter));
        });
    }

    /** What the filter can be set to. */
    public record FilterChoices(List<String> groups, List<String> plans, List<String> buildings, List<String> services) {
    }

    /**
     * The values found in the latest day's sums ({@code debt_day}: a few rows per building and service, where
     * {@code debt_position} has one per customer), or in today's positions before the first evaluation.
     */
    @Transactional(readOnly = true)
    public FilterChoices choices() {
        Map<String, Object> params = new HashMap<>();
        LocalDate latest = jdbc.queryForObject("SELECT MAX(as_of) FROM debt_day", params, LocalDate.class);
        String source = latest == null ? "debt_position" : "debt_day";
        String where = latest == null ? "1 = 1" : "as_of = :latest";
        params.put("latest", latest);
        return new FilterChoices(distinct(source, "group_name", where, params), distinct(source, "plan_key", where, params),
                distinct(source, "building", where, params), distinct(source, "service", where, params));
    }

    private List<String> distinct(String table, String column, String where, Map<String, Object> params) {
        return jdbc.queryForList("SELECT DISTINCT %s FROM %s WHERE %s AND %s <> '' ORDER BY %s"
                .formatted(column, table, where, column, column), params, String.class);
    }

    private static void check(String name, String value) {
        if (value != null && value.length() > MAX_FILTER_LENGTH) {
            throw new IllegalArgumentException("filter '" + name + "' is longer than " + MAX_FILTER_LENGTH
                    + " characters (" + value.length() + ")");
        }
    }

    private Freshness freshness(String part) {
        return positions.lastRun(part).map(run -> new Freshness(run.asOf(), run.ranAt())).orElse(new Freshness(null, null));
    }

    // One scan of the positions gives the debt and the aging; a page asks for both. The balance is the sum of its
    // aging buckets and conditional debt is real debt less frozen, row by row: two sums fewer over a million rows.
    Map<String, Object> positionSums(PictureFilter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = filter.where("p", true, params);
        // Each customer once: on their counted (largest) service, or on the one service filtered for.
        String customers = filter.service() == null ? "SUM(CASE WHEN p.counted THEN 1 ELSE 0 END)" : "COUNT(*)";
        return jdbc.queryForMap("""
                SELECT %s AS customers, SUM(p.real_debt) AS real_debt, SUM(p.frozen) AS frozen, SUM(p.not_due) AS not_due,
                       SUM(p.overdue_1_30) AS overdue_1_30, SUM(p.overdue_31_60) AS overdue_31_60,
                       SUM(p.overdue_61_90) AS overdue_61_90, SUM(p.overdue_91_180) AS overdue_91_180,
                       SUM(p.overdue_over_180) AS overdue_over_180
                FROM debt_position p WHERE %s""".formatted(customers, where), params);
    }

    private static Debt debt(Map<String, Object> sums) {
        BigDecimal balance = money(sums, "not_due");
        for (String bucket : List.of("1_30", "31_60", "61_90", "91_180", "over_180")) {
            balance = balance.add(money(sums, "overdue_" + bucket));
        }
        BigDecimal realDebt = money(sums, "real_debt");
        BigDecimal frozen = money(sums, "frozen");
        return new Debt(count(sums.get("customers")), balance, realDebt, frozen, realDebt.subtract(frozen));
    }

    private static List<AgingBucket> aging(Map<String, Object> sums) {
        List<AgingBucket> buckets = new ArrayList<>();
        buckets.add(new AgingBucket("not_due", money(sums, "not_due")));
        for (String bucket : List.of("1_30", "31_60", "61_90", "91_180", "over_180")) {
            buckets.add(new AgingBucket(bucket, money(sums, "overdue_" + bucket)));
        }
        return buckets;
    }

    /**
     * Collected ÷ charged per calendar month, this month and the eleven before it (months without either show 0),
     * from collection_day as the last evaluation left it, summed per month in {@code collection_month}.
     */
    List<MonthRate> collectionRate(PictureFilter filter, LocalDate today) {
        YearMonth last = YearMonth.from(today);
        YearMonth first = last.minusMonths(MONTHS - 1);
        Map<String, Object> params = new HashMap<>();
        String where = filter.where("d", false, params);
        params.put("from", first.getYear() * 100 + first.getMonthValue());
        params.put("to", last.getYear() * 100 + last.getMonthValue());
        Map<YearMonth, BigDecimal[]> byMonth = new LinkedHashMap<>();
        jdbc.query("""
                SELECT d.month_key, SUM(d.charged) AS charged, SUM(d.collected) AS collected
                FROM collection_month d
                WHERE d.month_key >= :from AND d.month_key <= :to AND %s
                GROUP BY d.month_key""".formatted(where), params,
                rs -> {
                    int key = rs.getInt("month_key");
                    byMonth.put(YearMonth.of(key / 100, key % 100),
                            new BigDecimal[] {rs.getBigDecimal("charged"), rs.getBigDecimal("collected")});
                });
        List<MonthRate> months = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            BigDecimal[] sums = byMonth.getOrDefault(month, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal charged = scaled(sums[0]);
            BigDecimal collected = scaled(sums[1]);
            months.add(new MonthRate(month.toString(), charged, collected, rate(collected, charged)));
        }
        return months;
    }

    /** Open and suspended cases per stage, in the stages' order; stages a plan added come after them. */
    List<StageCount> casesByStage(PictureFilter filter) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("cc.status IN ('open', 'suspended')");
        String join = customerConditions(filter, "c", where, params)
                ? " JOIN customer c ON c.customer_id = cc.customer_id" : "";
        if (filter.plan() != null) {
            where.append(" AND cc.plan_key = :dash_plan");
            params.put("dash_plan", filter.plan());
        }
        if (filter.service() != null) {
            // a customer-wide case works every service; a case for one service counts under that service only
            where.append(" AND (cc.service = :dash_service OR cc.service IS NULL)");
            params.put("dash_service", filter.service());
        }
        Map<String, long[]> byStage = new LinkedHashMap<>();
        STAGES.forEach(stage -> byStage.put(stage, new long[2]));
        jdbc.query("""
                SELECT COALESCE(cc.stage, '') AS stage, cc.status, COUNT(*) AS cases
                FROM collection_case cc%s WHERE %s
                GROUP BY COALESCE(cc.stage, ''), cc.status ORDER BY 1""".formatted(join, where), params, rs -> {
                    long[] counts = byStage.computeIfAbsent(rs.getString("stage"), stage -> new long[2]);
                    counts["open".equals(rs.getString("status")) ? 0 : 1] += rs.getLong("cases");
                });
        List<StageCount> stages = new ArrayList<>();
        byStage.forEach((stage, counts) -> stages.add(new StageCount(stage, counts[0], counts[1])));
        return stages;
    }

    /**
     * Promises whose date ({@code until}) fell in the last 30 and 90 days, today excluded (the customer has all of
     * their date to pay). A promise is kept when the customer's confirmed payments dated from the day it was made to
     * its date, both included, add up to its amount (to anything above zero for a promise without an amount).
     * Promises lifted by a person before their date were withdrawn and count in neither part.
     */
    List<PromiseRate> promises(PictureFilter filter, LocalDate today) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("f.kind = 'promise' AND f.until >= :from AND f.until < :today"
                + " AND (f.lifted_at IS NULL OR CAST(f.lifted_at AS DATE) >= f.until)");
        String join = customerConditions(filter, "c", where, params)
                ? " JOIN customer c ON c.customer_id = f.customer_id" : "";
        if (filter.plan() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM collection_case pc WHERE pc.customer_id = f.customer_id"
                    + " AND pc.plan_key = :dash_plan)");
            params.put("dash_plan", filter.plan());
        }
        int longest = PROMISE_WINDOWS.get(PROMISE_WINDOWS.size() - 1);
        params.put("from", today.minusDays(longest));
        params.put("today", today);
        StringBuilder windows = new StringBuilder();
        for (int days : PROMISE_WINDOWS) {
            params.put("from" + days, today.minusDays(days));
            windows.append(", SUM(CASE WHEN until >= :from").append(days).append(" THEN 1 ELSE 0 END) AS due").append(days)
                    .append(", SUM(CASE WHEN until >= :from").append(days).append(" AND kept = 1 THEN 1 ELSE 0 END) AS kept")
                    .append(days);
        }
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT COUNT(*) AS promises%s
                FROM (SELECT f.until,
                             CASE WHEN COALESCE((SELECT SUM(pay.amount) FROM payment pay
                                                 WHERE pay.customer_id = f.customer_id AND pay.status = 'confirmed'
                                                   AND pay.paid_on >= f.created_on AND pay.paid_on <= f.until), 0)
                                       >= COALESCE(f.amount, 0.01) THEN 1 ELSE 0 END AS kept
                      FROM debt_freeze f%s
                      WHERE %s) x"""
                .formatted(windows, join, where), params);
        List<PromiseRate> rates = new ArrayList<>();
        for (int days : PROMISE_WINDOWS) {
            long due = count(row.get("due" + days));
            long kept = count(row.get("kept" + days));
            rates.add(new PromiseRate(days, due, kept, due == 0 ? null
                    : BigDecimal.valueOf(kept).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP)));
        }
        return rates;
    }

    /**
     * Notices made in the last 30 days by channel and result: the provider's outcome, else the delivery state. The
     * days before today come from {@code notice_sum} when the evaluation summed them today (and no building is
     * asked for); the rest is counted from the notices.
     */
    List<NoticeCount> notices(PictureFilter filter, LocalDate today) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        LocalDate liveFrom = today.minusDays(NOTICE_DAYS);
        if (filter.building() == null && summaries.noticesSummedBefore().filter(today::equals).isPresent()) {
            Map<String, Object> params = new HashMap<>();
            String where = filter.where("s", false, params);
            jdbc.query("SELECT channel, result, SUM(notices) AS notices FROM notice_sum s WHERE " + where
                    + " GROUP BY channel, result", params,
                    rs -> {
                        counts.merge(rs.getString("channel") + "\u0000" + rs.getString("result"), rs.getLong("notices"),
                                Long::sum);
                    });
            liveFrom = today;
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("n.created_at >= :since");
        String join = customerConditions(filter, "c", where, params)
                ? " JOIN customer c ON c.customer_id = n.customer_id" : "";
        if (filter.plan() != null) {
            join += " JOIN collection_case cc ON cc.case_id = n.case_id";
            where.append(" AND cc.plan_key = :dash_plan");
            params.put("dash_plan", filter.plan());
        }
        params.put("since", liveFrom.atStartOfDay(clock.getZone()).toOffsetDateTime());
        jdbc.query("""
                SELECT n.channel, COALESCE(n.outcome, d.status) AS result, COUNT(*) AS notices
                FROM notice n JOIN notice_delivery d ON d.notice_id = n.notice_id%s
                WHERE %s
                GROUP BY n.channel, COALESCE(n.outcome, d.status)""".formatted(join, where), params,
                rs -> {
                    counts.merge(rs.getString("channel") + "\u0000" + rs.getString("result"), rs.getLong("notices"),
                            Long::sum);
                });
        return counts.entrySet().stream().map(entry -> {
            String[] key = entry.getKey().split("\u0000", 2);
            return new NoticeCount(key[0], key[1], entry.getValue());
        }).toList();
    }

    /** Open (not suspended) tasks per assignee, and tasks nobody claimed per lane (candidate group). */
    List<Workload> workload(PictureFilter filter) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("w.suspended = FALSE"
                + " AND ((w.lane = '' AND w.assignee IS NOT NULL) OR (w.lane <> '' AND w.assignee IS NULL))");
        String join = customerConditions(filter, "c", where, params)
                ? " JOIN customer c ON c.customer_id = w.customer_id" : "";
        if (filter.plan() != null) {
            join += " JOIN collection_case cc ON cc.case_id = w.case_id";
            where.append(" AND cc.plan_key = :dash_plan");
            params.put("dash_plan", filter.plan());
        }
        return jdbc.query("""
                SELECT CASE WHEN w.lane = '' THEN w.assignee END AS assignee,
                       CASE WHEN w.lane <> '' THEN w.lane END AS lane, COUNT(*) AS tasks
                FROM work_item w%s WHERE %s
                GROUP BY CASE WHEN w.lane = '' THEN w.assignee END, CASE WHEN w.lane <> '' THEN w.lane END
                ORDER BY 2 NULLS FIRST, 1""".formatted(join, where), params,
                (rs, i) -> new Workload(rs.getString("assignee"), rs.getString("lane"), rs.getLong("tasks")));
    }

    /** Adds the customer's group and building conditions; whether the customer table is needed for them. */
    private static boolean customerConditions(PictureFilter filter, String alias, StringBuilder where,
            Map<String, Object> params) {
        boolean needed = false;
        if (filter.group() != null) {
            where.append(" AND ").append(alias).append(".group_name = :dash_group");
            params.put("dash_group", filter.group());
            needed = true;
        }
        if (filter.building() != null) {
            where.append(" AND ").append(alias).append(".building = :dash_building");
            params.put("dash_building", filter.building());
            needed = true;
        }
        return needed;
    }

    private static BigDecimal rate(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return scaled(value == null ? null : new BigDecimal(value.toString()));
    }

    private static BigDecimal scaled(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_UP);
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
