package dev.dunning.reports;

import static dev.dunning.reports.ReportColumn.amount;
import static dev.dunning.reports.ReportColumn.date;
import static dev.dunning.reports.ReportColumn.ratio;
import static dev.dunning.reports.ReportColumn.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * Collection rate per month, quarter or week: collected ÷ charged × 100, both from collection_day (charged: invoices
 * by issue date, due date when none; collected: confirmed payments by payment date).
 */
@Component
class CollectionRateReport implements Report {

    private static final ReportInfo INFO = new ReportInfo("collection-rate", List.of(text("period"), date("from"),
            date("to"), amount("charged"), amount("collected"), ratio("rate")), true, true, false, true,
            ReportChart.bars("period", "charged", "collected"));

    private final ReportJdbc jdbc;

    CollectionRateReport(ReportJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportInfo info() {
        return INFO;
    }

    @Override
    public void write(ReportRequest request, ReportSink sink) {
        NavigableMap<LocalDate, BigDecimal[]> days = days(jdbc, request);
        for (ReportRequest.Span span : request.spans()) {
            BigDecimal[] sums = sum(days, span.from(), span.to());
            sink.row(span.label(), span.from(), span.to(), sums[0], sums[1], ReportJdbc.percent(sums[1], sums[0]));
        }
    }

    /** Charged and collected per day of the period, summed over the filter (no service: payments have none). */
    static NavigableMap<LocalDate, BigDecimal[]> days(ReportJdbc jdbc, ReportRequest request) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", request.from());
        params.put("to", request.to());
        String where = request.filter().where("d", false, params);
        NavigableMap<LocalDate, BigDecimal[]> days = new TreeMap<>();
        jdbc.each("""
                SELECT d.on_day, SUM(d.charged) AS charged, SUM(d.collected) AS collected FROM collection_day d
                WHERE d.on_day >= :from AND d.on_day <= :to AND %s GROUP BY d.on_day""".formatted(where), params,
                rs -> days.put(ReportJdbc.date(rs, "on_day"),
                        new BigDecimal[] {ReportJdbc.amount(rs, "charged"), ReportJdbc.amount(rs, "collected")}));
        return days;
    }

    static BigDecimal[] sum(NavigableMap<LocalDate, BigDecimal[]> days, LocalDate from, LocalDate to) {
        BigDecimal charged = BigDecimal.ZERO.setScale(2);
        BigDecimal collected = BigDecimal.ZERO.setScale(2);
        for (BigDecimal[] day : days.subMap(from, true, to, true).values()) {
            charged = charged.add(day[0]);
            collected = collected.add(day[1]);
        }
        return new BigDecimal[] {charged, collected};
    }
}
