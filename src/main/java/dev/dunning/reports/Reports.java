package dev.dunning.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The managers' reports: their list, a bounded table of one for a page or the API, and all of its rows streamed to
 * an export. Every read runs in a read-only transaction, where PostgreSQL hands the rows over by cursor.
 */
@Service
public class Reports {

    /** The order of the reports on the pages. */
    static final List<String> ORDER = List.of("aging", "collection-rate", "dso-cei", "roll-rates", "notices",
            "long-term-debt", "buildings", "collectors", "promises", "stage-funnel", "cases-per-day");

    private final Map<String, Report> reports = new LinkedHashMap<>();

    Reports(List<Report> all) {
        ORDER.forEach(name -> all.stream().filter(report -> report.info().name().equals(name)).findFirst()
                .ifPresent(report -> reports.put(name, report)));
        all.stream().filter(report -> !reports.containsKey(report.info().name()))
                .forEach(report -> reports.put(report.info().name(), report));
    }

    public List<ReportInfo> list() {
        return reports.values().stream().map(Report::info).toList();
    }

    /** @throws NoSuchElementException for a name that is no report */
    public ReportInfo info(String name) {
        return report(name).info();
    }

    /** At most {@code limit} rows, and the total row of the reports that have one (over all rows, not only these). */
    @Transactional(readOnly = true)
    public ReportTable table(String name, ReportRequest request, int limit) {
        Report report = report(name);
        ReportInfo info = report.info();
        List<List<Object>> rows = new ArrayList<>();
        Object[] totals = info.totals() ? new Object[info.columns().size()] : null;
        boolean[] truncated = {false};
        report.write(request, values -> {
            if (rows.size() < limit) {
                rows.add(Arrays.asList(values.clone()));
            } else {
                truncated[0] = true;
            }
            if (totals != null) {
                add(info, totals, values);
            }
        });
        return new ReportTable(info, request, List.copyOf(rows), totals == null ? null : Arrays.asList(totals),
                truncated[0]);
    }

    /** Every row, as it comes from the database. */
    @Transactional(readOnly = true)
    void stream(String name, ReportRequest request, ReportSink sink) {
        report(name).write(request, sink);
    }

    private Report report(String name) {
        Report report = reports.get(name);
        if (report == null) {
            throw new NoSuchElementException("no report '" + name + "'; reports: " + String.join(", ", reports.keySet()));
        }
        return report;
    }

    private static void add(ReportInfo info, Object[] totals, Object[] values) {
        for (int i = 0; i < totals.length; i++) {
            ReportColumn.Kind kind = info.columns().get(i).kind();
            if (!kind.summed()) {
                continue;
            }
            if (kind == ReportColumn.Kind.AMOUNT) {
                BigDecimal sum = totals[i] == null ? BigDecimal.ZERO.setScale(2) : (BigDecimal) totals[i];
                totals[i] = values[i] == null ? sum : sum.add((BigDecimal) values[i]);
            } else {
                long sum = totals[i] == null ? 0 : (Long) totals[i];
                totals[i] = values[i] == null ? sum : sum + ((Number) values[i]).longValue();
            }
        }
    }
}
