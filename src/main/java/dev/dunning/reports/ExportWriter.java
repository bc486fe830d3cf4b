package dev.dunning.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import de.siegmar.fastcsv.writer.CsvWriter;

/** A file being written row by row as the report's rows come: CSV (FastCSV) or XLSX (fastexcel). */
interface ExportWriter extends ReportSink, AutoCloseable {

    @Override
    void close() throws IOException;

    static ExportWriter open(String format, ReportInfo info, OutputStream out) throws IOException {
        return "xlsx".equals(format) ? new Xlsx(info, out) : new Csv(info, out);
    }

    /** UTF-8, RFC 4180, a header row of the column keys. */
    final class Csv implements ExportWriter {

        private final List<ReportColumn> columns;
        private final Writer writer;
        private final CsvWriter csv;

        Csv(ReportInfo info, OutputStream out) {
            this.columns = info.columns();
            this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            this.csv = CsvWriter.builder().build(writer);
            csv.writeRecord(columns.stream().map(ReportColumn::key).toList());
        }

        @Override
        public void row(Object... values) {
            String[] cells = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                cells[i] = ExportCells.csv(columns.get(i), values[i]);
            }
            csv.writeRecord(cells);
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }

    /**
     * One sheet named after the report, a header row, amounts and counts as numbers (amounts shown with two
     * decimals), dates as dates. Rows are flushed to the response every {@link #FLUSH_EVERY}, so only that many are
     * held.
     */
    final class Xlsx implements ExportWriter {

        static final int FLUSH_EVERY = 1000;

        private final List<ReportColumn> columns;
        private final Workbook workbook;
        private final Worksheet sheet;
        private int row = 1;

        Xlsx(ReportInfo info, OutputStream out) {
            this.columns = info.columns();
            this.workbook = new Workbook(out, "Dunning", "1.0");
            this.sheet = workbook.newWorksheet(info.name());
            for (int c = 0; c < columns.size(); c++) {
                sheet.value(0, c, columns.get(c).key());
            }
            sheet.range(0, 0, 0, columns.size() - 1).style().bold().set();
        }

        @Override
        public void row(Object... values) {
            for (int c = 0; c < values.length; c++) {
                Object value = values[c];
                if (value == null) {
                    continue;
                }
                switch (columns.get(c).kind()) {
                    // inline, not in the shared strings table, which would hold every customer's name until the end
                    case TEXT -> sheet.inlineString(row, c, ExportCells.neutralise(value.toString()));
                    case DATE -> {
                        sheet.value(row, c, (LocalDate) value);
                        sheet.style(row, c).format("yyyy-mm-dd").set();
                    }
                    case AMOUNT, RATIO -> {
                        sheet.value(row, c, (BigDecimal) value);
                        sheet.style(row, c).format("0.00").set();
                    }
                    case COUNT -> sheet.value(row, c, (Number) value);
                }
            }
            row++;
            if (row % FLUSH_EVERY == 0) {
                try {
                    sheet.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            workbook.finish();
        }
    }
}
