package dev.dunning.reports;

import java.util.List;

/**
 * A report's rows for a page or the JSON API: at most a limit of rows ({@code truncated} when there were more; the
 * exports have them all), and the total row (null when the report has none; only counts and amounts are added up).
 */
public record ReportTable(ReportInfo info, ReportRequest request, List<List<Object>> rows, List<Object> totals,
        boolean truncated) {
}
