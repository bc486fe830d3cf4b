package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.amount;
import static dev.dunning.reports.ReportColumn.ratio;
import static dev.dunning.reports.ReportColumn.text;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Roll rates month over month: for each bucket k and month m, the balance in bucket k+1 at the end of month m+1 ÷
 * the balance in bucket k at the end of month m × 100; a month's end is its last evaluation day on or before it
 * (the period's end for the last month).
 */
@Component
class RollRateReport implements Report {

    private static final ReportInfo INFO = new ReportInfo("roll-rates", List.of(text("from_month"),
            text("to_month"), text("from_bucket"), text("to_bucket"), amount("from_balance"), amount("to_balance"),
            ratio("roll_rate")), true, false, true, false, ReportChart.bars("to_bucket", "roll_rate"));

    private final ReportJdbc jdbc;

    RollRateReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        ReportHistory history = ReportHistory.read(jdbc, request.filter(), true, request.to());
        List<ReportRequest.Span> months = request.spans("month");
        for (int m = 0; m + 1 < months.size(); m++) {
            ReportHistory.Picture before = history.at(months.get(m).to());
            ReportHistory.Picture after = history.at(months.get(m + 1).to());
            for (int k = 0; k + 1 < ReportHistory.BUCKETS.length; k++) {
                BigDecimal from = before.bucket(k);
                BigDecimal to = after.bucket(k + 1);
                sink.row(months.get(m).label(), months.get(m + 1).label(), ReportHistory.BUCKETS[k],
                        ReportHistory.BUCKETS[k + 1], from, to, ReportJdbc.percent(to, from));
            }
        }
    }
}
