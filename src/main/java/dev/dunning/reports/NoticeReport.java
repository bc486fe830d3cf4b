package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.count;
import static dev.dunning.reports.ReportColumn.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Notices made in the period by channel, template, delivery state (notice_delivery) and outcome (the provider's or
 * the robot call's answer; empty while none). Group and building are the customer's, plan and service the case's.
 */
@Component
class NoticeReport implements Report {

    private static final ReportInfo INFO = new ReportInfo("notices", List.of(text("channel"), text("template"),
            text("state"), text("outcome"), count("notices")), true, false, true, true,
            ReportChart.bars("channel", "notices"));

    private final ReportJdbc jdbc;

    NoticeReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        Map<String, Object> params = new HashMap<>();
        params.put("start", jdbc.startOf(request.from()));
        params.put("end", jdbc.startOf(request.to().plusDays(1)));
        String where = request.filter().where("x", true, params);
        jdbc.each("""
                SELECT x.channel, x.template, x.state, x.outcome, COUNT(*) AS notices
                FROM (SELECT n.channel, n.template, nd.status AS state, COALESCE(n.outcome, '') AS outcome,
                             c.group_name, COALESCE(cc.plan_key, '') AS plan_key, COALESCE(c.building, '') AS building,
                             COALESCE(cc.service, '') AS service
                      FROM notice n
                      JOIN notice_delivery nd ON nd.notice_id = n.notice_id
                      JOIN customer c ON c.customer_id = n.customer_id
                      LEFT JOIN collection_case cc ON cc.case_id = n.case_id
                      WHERE n.created_at >= :start AND n.created_at < :end) x
                WHERE %s
                GROUP BY x.channel, x.template, x.state, x.outcome
                ORDER BY x.channel, x.template, x.state, x.outcome""".formatted(where), params,
                rs -> sink.row(rs.getString("channel"), rs.getString("template"), rs.getString("state"),
                        rs.getString("outcome"), rs.getLong("notices")));
    }
}
