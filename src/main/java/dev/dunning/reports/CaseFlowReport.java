package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.count;
import static dev.dunning.reports.ReportColumn.date;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * Cases opened, settled (real debt paid) and closed (ended otherwise) per business day of the period; every day of
 * the period has a row. Group and building are the customer's, plan and service the case's.
 */
@Component
class CaseFlowReport implements Report {

    private static final ReportInfo INFO = new ReportInfo("cases-per-day", java.util.List.of(date("day"),
            count("opened"), count("settled"), count("closed")), true, false, true, true,
            ReportChart.lines("day", "opened", "settled", "closed"));

    private final ReportJdbc jdbc;

    CaseFlowReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1)) {
            days.put(day, new long[3]);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("start", jdbc.startOf(request.from()));
        params.put("end", jdbc.startOf(request.to().plusDays(1)));
        String where = request.filter().where("x", true, params);
        jdbc.each("""
                SELECT x.opened_at, x.ended_at, x.status
                FROM (SELECT cc.opened_at, cc.ended_at, cc.status, c.group_name, cc.plan_key,
                             COALESCE(c.building, '') AS building, COALESCE(cc.service, '') AS service
                      FROM collection_case cc JOIN customer c ON c.customer_id = cc.customer_id
                      WHERE (cc.opened_at >= :start AND cc.opened_at < :end)
                         OR (cc.ended_at >= :start AND cc.ended_at < :end)) x
                WHERE %s""".formatted(where), params, rs -> {
                    tally(days, rs.getObject("opened_at", OffsetDateTime.class), 0);
                    String status = rs.getString("status");
                    if ("settled".equals(status) || "closed".equals(status)) {
                        tally(days, rs.getObject("ended_at", OffsetDateTime.class), "settled".equals(status) ? 1 : 2);
                    }
                });
        days.forEach((day, counts) -> sink.row(day, counts[0], counts[1], counts[2]));
    }

    private void tally(Map<LocalDate, long[]> days, OffsetDateTime at, int index) {
        if (at != null) {
            long[] counts = days.get(jdbc.dayOf(at));
            if (counts != null) {
                counts[index]++;
            }
        }
    }
}
