package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.amount;
import static dev.dunning.reports.ReportColumn.date;
import static dev.dunning.reports.ReportColumn.ratio;
import static dev.dunning.reports.ReportColumn.text;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Long-term debt at each quarter's end (its last evaluation day on or before it; the period's end for the last
 * quarter): the balance overdue more than 90 days (91–180 plus over 180) and more than 180 days, and their shares of
 * the whole balance.
 */
@Component
class LongTermDebtReport implements Report {

    private static final ReportInfo INFO = new ReportInfo("long-term-debt", List.of(text("period"), date("as_of"),
            amount("balance"), amount("overdue_over_90"), amount("overdue_over_180"), ratio("share_over_90"),
            ratio("share_over_180")), true, false, true, false,
            ReportChart.bars("period", "overdue_over_90", "overdue_over_180"));

    private final ReportJdbc jdbc;

    LongTermDebtReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        ReportHistory history = ReportHistory.read(jdbc, request.filter(), true, request.to());
        for (ReportRequest.Span quarter : request.spans("quarter")) {
            ReportHistory.Picture picture = history.at(quarter.to());
            BigDecimal over180 = picture.bucket(5);
            BigDecimal over90 = picture.bucket(4).add(over180);
            sink.row(quarter.label(), picture.asOf(), picture.balance(), over90, over180,
                    ReportJdbc.percent(over90, picture.balance()), ReportJdbc.percent(over180, picture.balance()));
        }
    }
}
