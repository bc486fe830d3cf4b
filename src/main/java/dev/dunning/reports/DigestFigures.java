package dev.dunning.reports;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flowable.engine.ManagementService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;

/**
 * Works out a digest's figures from the debt picture ({@code debt_day}, {@code collection_day}) and from the cases,
 * promises, notices and tasks of the day before, in one read-only transaction, set-based: a handful of aggregate
 * queries whatever the number of customers. The filter narrows every figure to a part of the picture: group and
 * building apply to everything tied to a customer, the plan to the picture and to cases, the service to the debt only.
 */
@Component
class DigestFigures {

    private static final String PICTURE_SUMS = """
            SUM(d.real_debt) AS real_debt, SUM(d.conditional_debt) AS conditional_debt, SUM(d.frozen) AS frozen,
            SUM(d.balance) AS balance, SUM(d.counted_debtors) AS debtors, SUM(d.counted_customers) AS customers,
            SUM(d.not_due) AS not_due, SUM(d.overdue_1_30) AS overdue_1_30, SUM(d.overdue_31_60) AS overdue_31_60,
            SUM(d.overdue_61_90) AS overdue_61_90, SUM(d.overdue_91_180) AS overdue_91_180,
            SUM(d.overdue_over_180) AS overdue_over_180""";

    /** The collectors' candidate group in the plans: their open tasks are the lane of that name in {@code work_item}. */
    static final String COLLECTORS_LANE = "collectors";

    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final ManagementService engine;

    DigestFigures(JdbcClient jdbc, BusinessClock clock, ManagementService engine) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.engine = engine;
    }

    /** The digest for {@code day}: the picture of its evaluation and what happened on the day before. */
    @Transactional(readOnly = true)
    Digest of(LocalDate day, PictureFilter filter) {
        LocalDate yesterday = day.minusDays(1);
        LocalDate pictureDay = jdbc.sql("SELECT MAX(as_of) FROM debt_day WHERE as_of <= :day").param("day", day)
                .query(LocalDate.class).optional().orElse(null);
        LocalDate previousDay = pictureDay == null ? null
                : jdbc.sql("SELECT MAX(as_of) FROM debt_day WHERE as_of < :day").param("day", pictureDay)
                        .query(LocalDate.class).optional().orElse(null);
        Map<String, Digest.Picture> today = pictureByGroup(pictureDay, filter);
        Map<String, Digest.Picture> before = pictureByGroup(previousDay, filter);

        List<Digest.GroupLine> groups = new ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>(today.keySet());
        names.addAll(before.keySet());
        for (String group : names) {
            Digest.Picture now = today.getOrDefault(group, Digest.Picture.NONE);
            groups.add(new Digest.GroupLine(group, now, now.minus(before.getOrDefault(group, Digest.Picture.NONE))));
        }
        groups.sort(Comparator.comparing((Digest.GroupLine line) -> line.picture().realDebt()).reversed()
                .thenComparing(Digest.GroupLine::group));
        Digest.Picture total = sum(today);
        Digest.Picture change = total.minus(sum(before));

        return new Digest(day, yesterday, pictureDay, previousDay, total, change, List.copyOf(groups),
                collections(yesterday, filter), cases(yesterday, filter), casesByStage(filter),
                promises(yesterday, filter), notices(yesterday, filter), engine.createDeadLetterJobQuery().count(),
                collectorTasks(filter));
    }

    private Map<String, Digest.Picture> pictureByGroup(LocalDate asOf, PictureFilter filter) {
        if (asOf == null) {
            return Map.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", asOf);
        String where = filter.where("d", true, params);
        Map<String, Digest.Picture> pictures = new TreeMap<>();
        jdbc.sql("SELECT d.group_name, " + PICTURE_SUMS + " FROM debt_day d WHERE d.as_of = :asOf AND " + where
                        + " GROUP BY d.group_name")
                .params(params)
                .query((rs, row) -> pictures.put(rs.getString("group_name"), picture(rs)))
                .list();
        return pictures;
    }

    private static Digest.Picture picture(ResultSet rs) throws SQLException {
        Map<String, BigDecimal> buckets = new LinkedHashMap<>();
        for (String bucket : Digest.BUCKETS) {
            buckets.put(bucket, amount(rs, bucket));
        }
        return new Digest.Picture(amount(rs, "real_debt"), amount(rs, "conditional_debt"), amount(rs, "frozen"),
                amount(rs, "balance"), rs.getInt("debtors"), rs.getInt("customers"),
                java.util.Collections.unmodifiableMap(buckets));
    }

    private static Digest.Picture sum(Map<String, Digest.Picture> pictures) {
        return pictures.values().stream().reduce(Digest.Picture.NONE, Digest.Picture::plus);
    }

    private Digest.Collections collections(LocalDate yesterday, PictureFilter filter) {
        BigDecimal[] day = charged(yesterday, yesterday, filter);
        BigDecimal[] month = charged(yesterday.withDayOfMonth(1), yesterday, filter);
        return new Digest.Collections(day[1], day[0], month[1], month[0], Digest.Collections.rate(month[1], month[0]));
    }

    /** Charged and collected from {@code from} to {@code to}, both included. */
    private BigDecimal[] charged(LocalDate from, LocalDate to, PictureFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", from);
        params.put("to", to);
        String where = filter.where("c", false, params);
        return jdbc.sql("""
                SELECT COALESCE(SUM(c.charged), 0) AS charged, COALESCE(SUM(c.collected), 0) AS collected
                FROM collection_day c WHERE c.on_day >= :from AND c.on_day <= :to AND""" + " " + where)
                .params(params)
                .query((rs, row) -> new BigDecimal[] {amount(rs, "charged"), amount(rs, "collected")})
                .single();
    }

    private Digest.Cases cases(LocalDate yesterday, PictureFilter filter) {
        Map<String, Object> params = dayWindow(yesterday);
        String where = caseConditions(filter, params);
        return jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN k.opened_at >= :from AND k.opened_at < :to THEN 1 ELSE 0 END), 0) AS opened,
                       COALESCE(SUM(CASE WHEN k.status = 'settled' AND k.ended_at >= :from AND k.ended_at < :to
                                         THEN 1 ELSE 0 END), 0) AS settled,
                       COALESCE(SUM(CASE WHEN k.active_key IS NOT NULL THEN 1 ELSE 0 END), 0) AS in_work
                FROM collection_case k JOIN customer cu ON cu.customer_id = k.customer_id
                WHERE (k.active_key IS NOT NULL OR k.opened_at >= :from OR k.ended_at >= :from) AND""" + " " + where)
                .params(params)
                .query((rs, row) -> new Digest.Cases(rs.getInt("opened"), rs.getInt("settled"), rs.getInt("in_work")))
                .single();
    }

    private Map<String, Integer> casesByStage(PictureFilter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = caseConditions(filter, params);
        Map<String, Integer> counted = new TreeMap<>();
        jdbc.sql("""
                SELECT COALESCE(k.stage, '') AS stage, COUNT(*) AS cases
                FROM collection_case k JOIN customer cu ON cu.customer_id = k.customer_id
                WHERE k.active_key IS NOT NULL AND""" + " " + where + " GROUP BY COALESCE(k.stage, '')")
                .params(params)
                .query((rs, row) -> counted.put(rs.getString("stage"), rs.getInt("cases")))
                .list();
        Map<String, Integer> ordered = new LinkedHashMap<>();
        Digest.STAGES.forEach(stage -> ordered.put(stage, counted.getOrDefault(stage, 0)));
        counted.forEach(ordered::putIfAbsent);
        return java.util.Collections.unmodifiableMap(ordered);
    }

    private Digest.Promises promises(LocalDate yesterday, PictureFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("day", yesterday);
        String where = customerConditions(filter, params);
        // A promise without an amount is of the whole debt; any confirmed payment by its date keeps it.
        return jdbc.sql("""
                SELECT COUNT(*) AS due, COALESCE(SUM(CASE WHEN x.paid >= x.promised THEN 1 ELSE 0 END), 0) AS kept
                FROM (SELECT COALESCE(f.amount, 0.01) AS promised,
                             (SELECT COALESCE(SUM(p.amount), 0) FROM payment p
                              WHERE p.customer_id = f.customer_id AND p.status = 'confirmed'
                                AND p.paid_on >= f.created_on AND p.paid_on <= f.until) AS paid
                      FROM debt_freeze f JOIN customer cu ON cu.customer_id = f.customer_id
                      WHERE f.kind = 'promise' AND f.until = :day AND""" + " " + where + ") x")
                .params(params)
                .query((rs, row) -> new Digest.Promises(rs.getInt("due"), rs.getInt("kept")))
                .single();
    }

    private List<Digest.ChannelLine> notices(LocalDate yesterday, PictureFilter filter) {
        Map<String, Object> params = dayWindow(yesterday);
        String where = customerConditions(filter, params);
        return jdbc.sql("""
                SELECT n.channel,
                       SUM(CASE WHEN s.sent_at >= :from AND s.sent_at < :to THEN 1 ELSE 0 END) AS sent,
                       SUM(CASE WHEN s.status = 'failed' AND n.created_at >= :from AND n.created_at < :to
                                THEN 1 ELSE 0 END) AS failed
                FROM notice n JOIN notice_delivery s ON s.notice_id = n.notice_id
                     JOIN customer cu ON cu.customer_id = n.customer_id
                WHERE ((s.sent_at >= :from AND s.sent_at < :to)
                       OR (s.status = 'failed' AND n.created_at >= :from AND n.created_at < :to)) AND""" + " " + where
                        + " GROUP BY n.channel ORDER BY n.channel")
                .params(params)
                .query((rs, row) -> new Digest.ChannelLine(rs.getString("channel"), rs.getInt("sent"), rs.getInt("failed")))
                .list();
    }

    private Digest.Tasks collectorTasks(PictureFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("lane", COLLECTORS_LANE);
        String where = customerConditions(filter, params);
        return jdbc.sql("""
                SELECT COUNT(*) AS open_tasks, COALESCE(SUM(CASE WHEN w.assignee IS NULL THEN 1 ELSE 0 END), 0) AS unclaimed
                FROM work_item w LEFT JOIN customer cu ON cu.customer_id = w.customer_id
                WHERE w.lane = :lane AND""" + " " + where)
                .params(params)
                .query((rs, row) -> new Digest.Tasks(rs.getInt("open_tasks"), rs.getInt("unclaimed")))
                .single();
    }

    /** The business day as a half-open span of instants in the clock's zone. */
    private Map<String, Object> dayWindow(LocalDate day) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", OffsetDateTime.ofInstant(day.atStartOfDay(clock.getZone()).toInstant(), ZoneOffset.UTC));
        params.put("to", OffsetDateTime.ofInstant(day.plusDays(1).atStartOfDay(clock.getZone()).toInstant(), ZoneOffset.UTC));
        return params;
    }

    /** The filter's group and building over the customer aliased {@code cu}. */
    private static String customerConditions(PictureFilter filter, Map<String, Object> params) {
        return new PictureFilter(filter.group(), null, filter.building(), null).where("cu", false, params);
    }

    /** The customer's conditions and the filter's plan over the case aliased {@code k}. */
    private static String caseConditions(PictureFilter filter, Map<String, Object> params) {
        String where = customerConditions(filter, params);
        if (filter.plan() != null) {
            params.put("filter_case_plan", filter.plan());
            where += " AND k.plan_key = :filter_case_plan";
        }
        return where;
    }

    private static BigDecimal amount(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }
}
