package dev.dunning.plans;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.dunning.clock.BusinessClock;

/**
 * Champion against challenger: two plans of one customer group compared on the cases they opened in a period.
 * Which arm a case is in is its {@code plan_key}, so the report works for any two plans of a group, however the
 * customers were split between them.
 * <p>
 * What each figure means (all per arm, over the cases opened from {@code from} to {@code to}, both days included,
 * in the company's time zone; outcomes counted up to today):
 * <ul>
 * <li>debt at opening: the sum of the cases' real debt the day they opened ({@code collection_case.opening_debt});
 * cases opened before that was kept are counted in {@code cases} but left out of money and rates
 * ({@code casesWithoutOpeningDebt} says how many);</li>
 * <li>collected: per case, the customer's confirmed payments dated from the day the case opened to the day it ended
 * (or today), at most the case's debt at opening (a payment for a newer invoice is not the plan's success);</li>
 * <li>collection rate: collected / debt at opening, in percent, rounded half-up to 0.1;</li>
 * <li>days to pay: for settled cases, calendar days from opening to settling; median (the mean of the two middle
 * values for an even count) and mean, rounded half-up to 0.1;</li>
 * <li>notices: notices of the arm's cases that were sent (delivery status {@code sent}); calls: the collectors'
 * recorded call outcomes ({@code call-outcome} on the timeline); both per 1,000 collected, rounded half-up to 0.01,
 * empty when nothing was collected.</li>
 * </ul>
 * Money is summed exactly (scale 2); only ratios are rounded.
 */
@Service
public class PlanComparison {

    static final BigDecimal PER = new BigDecimal("1000");

    private final JdbcClient jdbc;
    private final BusinessClock clock;

    PlanComparison(JdbcClient jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One plan's figures. Rates and per-1,000 figures are null where their base is zero. */
    public record Arm(String planKey, int cases, int casesWithoutOpeningDebt, BigDecimal debtAtOpening,
            BigDecimal collected, BigDecimal collectionRate, int settled, BigDecimal medianDaysToPay,
            BigDecimal meanDaysToPay, long notices, long calls, BigDecimal noticesPerThousand,
            BigDecimal callsPerThousand) {
    }

    public record Report(String group, LocalDate from, LocalDate to, LocalDate asOf, Arm champion, Arm challenger) {
    }

    public Report compare(String group, String champion, String challenger, LocalDate from, LocalDate to) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("group: required");
        }
        if (champion == null || champion.isBlank() || challenger == null || challenger.isBlank()) {
            throw new IllegalArgumentException("champion and challenger: two plan keys are required");
        }
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("from, to: a period whose end is not before its start");
        }
        LocalDate today = clock.today();
        return new Report(group, from, to, today, arm(group, champion, from, to, today),
                arm(group, challenger, from, to, today));
    }

    /** The plans that opened cases for the group's customers in the period, most cases first. */
    public List<String> plansUsed(String group, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT c.plan_key FROM collection_case c JOIN customer cu ON cu.customer_id = c.customer_id
                 WHERE cu.group_name = :group AND c.opened_at >= :start AND c.opened_at < :end
                 GROUP BY c.plan_key ORDER BY COUNT(*) DESC, c.plan_key""")
                .param("group", group).param("start", start(from)).param("end", start(to.plusDays(1)))
                .query(String.class).list();
    }

    private record CaseRow(String caseId, String customerId, String status, LocalDate opened, LocalDate ended,
            BigDecimal openingDebt) {
    }

    private record Paid(LocalDate on, BigDecimal amount) {
    }

    private static final String ARM_CASES = """
             FROM collection_case c JOIN customer cu ON cu.customer_id = c.customer_id
            WHERE cu.group_name = :group AND c.plan_key = :plan AND c.opened_at >= :start AND c.opened_at < :end""";

    private Arm arm(String group, String plan, LocalDate from, LocalDate to, LocalDate today) {
        ZoneId zone = clock.getZone();
        List<CaseRow> cases = jdbc.sql("SELECT c.case_id, c.customer_id, c.status, c.opened_at, c.ended_at, c.opening_debt"
                        + ARM_CASES)
                .param("group", group).param("plan", plan).param("start", start(from)).param("end", start(to.plusDays(1)))
                .query((rs, row) -> {
                    OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
                    return new CaseRow(rs.getString("case_id"), rs.getString("customer_id"), rs.getString("status"),
                            rs.getObject("opened_at", OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate(),
                            ended == null ? null : ended.atZoneSameInstant(zone).toLocalDate(),
                            rs.getBigDecimal("opening_debt"));
                }).list();
        Map<String, List<Paid>> payments = new HashMap<>();
        jdbc.sql("""
                SELECT p.customer_id, p.paid_on, p.amount FROM payment p
                 WHERE p.status = 'confirmed' AND p.paid_on >= :fromDay
                   AND p.customer_id IN (SELECT c.customer_id""" + ARM_CASES + ")")
                .param("fromDay", from).param("group", group).param("plan", plan)
                .param("start", start(from)).param("end", start(to.plusDays(1)))
                .query((rs, row) -> Map.entry(rs.getString(1), new Paid(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3))))
                .list().forEach(entry -> payments.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        long notices = jdbc.sql("""
                SELECT COUNT(*) FROM notice n JOIN notice_delivery d ON d.notice_id = n.notice_id
                 WHERE d.status = 'sent' AND n.case_id IN (SELECT c.case_id""" + ARM_CASES + ")")
                .param("group", group).param("plan", plan).param("start", start(from)).param("end", start(to.plusDays(1)))
                .query(Long.class).single();
        long calls = jdbc.sql("""
                SELECT COUNT(*) FROM timeline_event t
                 WHERE t.kind = 'call-outcome' AND t.case_id IN (SELECT c.case_id""" + ARM_CASES + ")")
                .param("group", group).param("plan", plan).param("start", start(from)).param("end", start(to.plusDays(1)))
                .query(Long.class).single();

        BigDecimal debt = BigDecimal.ZERO.setScale(2);
        BigDecimal collected = BigDecimal.ZERO.setScale(2);
        int withoutDebt = 0;
        List<Long> daysToPay = new ArrayList<>();
        for (CaseRow row : cases) {
            if ("settled".equals(row.status()) && row.ended() != null) {
                daysToPay.add(ChronoUnit.DAYS.between(row.opened(), row.ended()));
            }
            if (row.openingDebt() == null) {
                withoutDebt++;
                continue;
            }
            debt = debt.add(row.openingDebt());
            LocalDate until = row.ended() == null ? today : row.ended();
            BigDecimal paid = payments.getOrDefault(row.customerId(), List.of()).stream()
                    .filter(payment -> !payment.on().isBefore(row.opened()) && !payment.on().isAfter(until))
                    .map(Paid::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            collected = collected.add(paid.min(row.openingDebt()));
        }
        return new Arm(plan, cases.size(), withoutDebt, debt, collected, percent(collected, debt), daysToPay.size(),
                median(daysToPay), mean(daysToPay), notices, calls, perThousand(notices, collected),
                perThousand(calls, collected));
    }

    private OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toOffsetDateTime();
    }

    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null
                : part.multiply(new BigDecimal("100")).divide(whole, 1, RoundingMode.HALF_UP);
    }

    static BigDecimal perThousand(long count, BigDecimal collected) {
        return collected.signum() == 0 ? null
                : BigDecimal.valueOf(count).multiply(PER).divide(collected, 2, RoundingMode.HALF_UP);
    }

    static BigDecimal median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        BigDecimal median = sorted.size() % 2 == 1 ? BigDecimal.valueOf(sorted.get(middle))
                : BigDecimal.valueOf(sorted.get(middle - 1) + sorted.get(middle)).divide(BigDecimal.valueOf(2));
        return median.setScale(1, RoundingMode.HALF_UP);
    }

    static BigDecimal mean(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        long sum = values.stream().mapToLong(Long::longValue).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(values.size()), 1, RoundingMode.HALF_UP);
    }
}
