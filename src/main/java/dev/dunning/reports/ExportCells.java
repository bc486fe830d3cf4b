package dev.dunning.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How a report's values are written into a file, the same for CSV and XLSX. */
final class ExportCells {

    private ExportCells() {
    }

    /** See {@link SpreadsheetText#neutralise}. */
    static String neutralise(String text) {
        return SpreadsheetText.neutralise(text);
    }

    /** A value as CSV text: amounts and ratios with a dot and two decimals, dates ISO, nothing for null. */
    static String csv(ReportColumn column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column.kind()) {
            case TEXT -> neutralise(value.toString());
            case AMOUNT, RATIO -> ((BigDecimal) value).setScale(2, RoundingMode.HALF_UP).toPlainString();
            default -> value.toString();
        };
    }
}
