package dev.dunning.reports;

import java.util.List;

/**
 * What a report is: its name (in URLs), its columns, which inputs apply to it, whether its page shows a total row,
 * and its chart (null for none).
 *
 * @param period  whether it covers a period (from, to)
 * @param grain   whether the period is cut by month, quarter or week
 * @param service whether the service filter applies (the charged and collected days have no service)
 */
public record ReportInfo(String name, List<ReportColumn> columns, boolean period, boolean grain, boolean service,
        boolean totals, ReportChart chart) {

    public int column(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("report " + name + " has no column " + key);
    }
}
