package dev.dunning.reports;

/**
 * One column of a report. The key names it everywhere: the JSON field, the CSV and XLSX header, and the page's
 * heading (message {@code report.col.<key>}).
 */
public record ReportColumn(String key, Kind kind) {

    /** What a column holds, which decides how it is printed and exported. */
    public enum Kind {
        /** Text, possibly from customer data: neutralised in exports when it could be read as a formula. */
        TEXT,
        DATE,
        COUNT,
        /** Money: BigDecimal, two decimals. */
        AMOUNT,
        /** A rate in percent or a number of days: BigDecimal, two decimals, empty when undefined (divided by 0). */
        RATIO;

        /** Whether a total row adds this column up. */
        public boolean summed() {
            return this == COUNT || this == AMOUNT;
        }
    }

    static ReportColumn text(String key) {
        return new ReportColumn(key, Kind.TEXT);
    }

    static ReportColumn date(String key) {
        return new ReportColumn(key, Kind.DATE);
    }

    static ReportColumn count(String key) {
        return new ReportColumn(key, Kind.COUNT);
    }

    static ReportColumn amount(String key) {
        return new ReportColumn(key, Kind.AMOUNT);
    }

    static ReportColumn ratio(String key) {
        return new ReportColumn(key, Kind.RATIO);
    }
}
