package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.amount;
import static dev.dunning.reports.ReportColumn.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Aging: today's position of every customer and service that owes anything (debt_position joined to customer),
 * with its six buckets by days past due, and the totals by bucket.
 */
@Component
class AgingReport implements Report {

    private static final ReportInfo INFO = new ReportInfo("aging", List.of(text("customer"), text("name"),
            text("group"), text("building"), text("service"), amount("balance"), amount("real_debt"),
            amount("conditional_debt"), amount("not_due"), amount("overdue_1_30"), amount("overdue_31_60"),
            amount("overdue_61_90"), amount("overdue_91_180"), amount("overdue_over_180")), false, false, true, true,
            null);

    private final ReportJdbc jdbc;

    AgingReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        Map<String, Object> params = new HashMap<>();
        String where = request.filter().where("p", true, params);
        jdbc.each("""
                SELECT p.customer_id, c.name, p.group_name, p.building, p.service, p.balance, p.real_debt,
                       p.conditional_debt, p.not_due, p.overdue_1_30, p.overdue_31_60, p.overdue_61_90,
                       p.overdue_91_180, p.overdue_over_180
                FROM debt_position p JOIN customer c ON c.customer_id = p.customer_id
                WHERE %s
                ORDER BY p.customer_id, p.service""".formatted(where), params, rs -> sink.row(
                rs.getString("customer_id"), rs.getString("name"), rs.getString("group_name"), rs.getString("building"),
                rs.getString("service"), ReportJdbc.amount(rs, "balance"), ReportJdbc.amount(rs, "real_debt"),
                ReportJdbc.amount(rs, "conditional_debt"), ReportJdbc.amount(rs, "not_due"),
                ReportJdbc.amount(rs, "overdue_1_30"), ReportJdbc.amount(rs, "overdue_31_60"),
                ReportJdbc.amount(rs, "overdue_61_90"), ReportJdbc.amount(rs, "overdue_91_180"),
                ReportJdbc.amount(rs, "overdue_over_180")));
    }
}
