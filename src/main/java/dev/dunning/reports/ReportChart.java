package dev.dunning.reports;

import java.util.List;

/**
 * How a report page draws its rows: one bar or line per column in {@code series}, over the values of column
 * {@code x} (rows with the same x added up).
 */
public record ReportChart(String type, String x, List<String> series) {

    static ReportChart bars(String x, String... series) {
        return new ReportChart("bar", x, List.of(series));
    }

    static ReportChart lines(String x, String... series) {
        return new ReportChart("line", x, List.of(series));
    }
}
