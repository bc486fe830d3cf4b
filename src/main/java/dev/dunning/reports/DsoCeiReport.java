package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.amount;
import static dev.dunning.reports.ReportColumn.count;
import static dev.dunning.reports.ReportColumn.ratio;
import static dev.dunning.reports.ReportColumn.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;

import org.springframework.stereotype.Component;

/**
 * DSO and CEI per month. AR at a date is the balance of the closest evaluation day on or before it (debt_day);
 * current AR is its not-due part. For a month (cut to the period):
 * DSO = closing AR ÷ charged in the month × days in the month;
 * CEI = (opening AR + charged − closing AR) ÷ (opening AR + charged − closing current AR) × 100,
 * with opening AR the AR of the day before the month. Undefined (empty) when the divisor is zero.
 */
@Component
class DsoCeiReport implements Report {

    private static final ReportInfo INFO = new ReportInfo("dso-cei", List.of(text("period"), count("days"),
            amount("opening_ar"), amount("charged"), amount("collected"), amount("closing_ar"),
            amount("closing_current_ar"), ratio("dso"), ratio("cei")), true, false, false, false,
            ReportChart.lines("period", "dso", "cei"));

    private final ReportJdbc jdbc;

    DsoCeiReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        ReportHistory history = ReportHistory.read(jdbc, request.filter(), false, request.to());
        NavigableMap<LocalDate, BigDecimal[]> days = CollectionRateReport.days(jdbc, request);
        for (ReportRequest.Span month : request.spans("month")) {
            BigDecimal opening = history.at(month.from().minusDays(1)).balance();
            ReportHistory.Picture closing = history.at(month.to());
            BigDecimal[] sums = CollectionRateReport.sum(days, month.from(), month.to());
            BigDecimal charged = sums[0];
            BigDecimal dso = ReportJdbc.ratio(closing.balance(), charged, BigDecimal.valueOf(month.days()));
            BigDecimal cei = ReportJdbc.percent(opening.add(charged).subtract(closing.balance()),
                    opening.add(charged).subtract(closing.bucket(0)));
            sink.row(month.label(), month.days(), opening, charged, sums[1], closing.balance(), closing.bucket(0), dso,
                    cei);
        }
    }
}
