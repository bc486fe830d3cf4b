package dev.dunning.ledger;

import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;

/**
 * A registry file read one record at a time (RFC 4180, UTF-8 with or without a BOM, a header row,
 * columns in any order), so that a file of any size never sits in memory.
 * <p>
 * FastCSV reads a quote that is never closed as one last field running to the end of the file,
 * without complaint; this reader notices it and stops with the line where the quote opened. Bytes
 * that are not UTF-8 (a registry saved as Windows-1251, say) become U+FFFD, and the rows holding
 * them are refused one by one, so the report points at each of them instead of storing garbled names.
 */
final class RegistryCsv implements Closeable {

    /** A field longer than this is an unclosed quote, not data; it also bounds the memory one record takes. */
    static final int MAX_FIELD_CHARS = 1 << 20;
    private static final char BOM = '\uFEFF';
    private static final char NOT_UTF8 = '\uFFFD';

    /** The rest of the file cannot be read from {@code line} on. */
    static final class Unreadable extends RuntimeException {

        private final long line;

        Unreadable(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    /** One data row of the file. */
    record Row(long line, String[] fields, Map<String, Integer> columns, String[] names) implements RawRow {

        @Override
        public String value(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= fields.length) {
                return null;
            }
            String value = fields[index].strip();
            return value.isEmpty() ? null : value;
        }

        boolean blank() {
            return Arrays.stream(fields).allMatch(String::isBlank);
        }

        /** The columns whose bytes were not UTF-8. */
        List<RowProblem> encodingProblems() {
            List<RowProblem> problems = new ArrayList<>(0);
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].indexOf(NOT_UTF8) >= 0) {
                    String column = i < names.length ? names[i] : null;
                    problems.add(RowProblem.invalid(column, (column == null ? "the row" : column)
                            + " is not UTF-8 text; save the registry as UTF-8"));
                }
            }
            return problems;
        }
    }

    private record Fields(long line, String[] values, boolean lastQuoted) {
    }

    private final TrackingReader source;
    private final FieldsHandler handler = new FieldsHandler();
    private final CsvReader<Fields> reader;
    private final CloseableIterator<Fields> records;
    private final Map<String, Integer> columns = new HashMap<>();
    private String[] names = new String[0];
    private RuntimeException deferred;

    private RegistryCsv(InputStream in) {
        this.source = new TrackingReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(NOT_UTF8))));
        this.reader = CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .maxBufferSize(MAX_FIELD_CHARS)
                .build(handler, source);
        this.records = reader.iterator();
    }

    /**
     * Opens a registry and reads its header.
     *
     * @throws RejectedRegistryException when there is no header or a required column is missing
     */
    static RegistryCsv open(InputStream in, RegistryKind kind, List<String> requiredColumns) {
        RegistryCsv csv = new RegistryCsv(in);
        try {
            csv.readHeader(kind, requiredColumns);
            return csv;
        } catch (RuntimeException e) {
            csv.closeQuietly();
            throw e;
        }
    }

    private void readHeader(RegistryKind kind, List<String> requiredColumns) {
        Fields header;
        try {
            header = nextFields();
        } catch (Unreadable e) {
            throw new RejectedRegistryException(List.of(new ImportError(e.line(), null, e.getMessage())));
        }
        if (header == null) {
            throw new RejectedRegistryException(List.of(new ImportError(1L, null,
                    "the file is empty; a " + kind.registryName() + " registry starts with a header row naming its columns: "
                            + String.join(",", requiredColumns) + ",…")));
        }
        List<ImportError> problems = new ArrayList<>();
        names = new String[header.values().length];
        for (int i = 0; i < header.values().length; i++) {
            String name = header.values()[i];
            if (i == 0 && !name.isEmpty() && name.charAt(0) == BOM) {
                name = name.substring(1);
            }
            name = name.strip().toLowerCase(Locale.ROOT);
            names[i] = name;
            if (name.isEmpty()) {
                continue;
            }
            if (columns.putIfAbsent(name, i) != null) {
                problems.add(new ImportError(header.line(), name, "column " + name + " appears twice in the header"));
            }
        }
        for (String required : requiredColumns) {
            if (!columns.containsKey(required)) {
                problems.add(new ImportError(header.line(), required, "the required column " + required
                        + " is missing from the header, so nothing was imported"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RejectedRegistryException(problems);
        }
    }

    /** The number of columns the header names; every row must have as many fields. */
    int width() {
        return names.length;
    }

    /**
     * The next data row, or null at the end of the file. Rows whose fields are all blank (trailing
     * separators a spreadsheet left) are skipped.
     *
     * @throws Unreadable when the rest of the file cannot be read
     */
    Row next() {
        while (true) {
            Fields fields = nextFields();
            if (fields == null) {
                return null;
            }
            Row row = new Row(fields.line(), fields.values(), columns, names);
            if (!row.blank()) {
                return row;
            }
        }
    }

    private Fields nextFields() {
        if (deferred != null) {
            throw deferred;
        }
        Fields fields;
        try {
            if (!records.hasNext()) {
                return null;
            }
            fields = records.next();
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
        if (fields.lastQuoted() && atEndAfter()) {
            throw unclosedQuote(fields.line());
        }
        return fields;
    }

    /**
     * Whether {@code fields} was the last record. A quote that never closes swallows the rest of the
     * file into the last field of the last record, and then the file does not end with the closing quote.
     */
    private boolean atEndAfter() {
        try {
            return !records.hasNext() && source.lastSignificantChar() != '"';
        } catch (RuntimeException e) {
            // the record read ahead is broken; this one is fine and the error belongs to the next call
            deferred = unreadable(e);
            return false;
        }
    }

    private Unreadable unclosedQuote(long line) {
        return new Unreadable(line, "a quote opened on line " + line
                + " is never closed, so the rest of the file reads as one field; nothing from line " + line
                + " on was imported");
    }

    private Unreadable unreadable(RuntimeException e) {
        if (e instanceof CsvParseException) {
            long line = handler.line();
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return new Unreadable(line, "line " + line + " cannot be read as CSV (" + reason
                    + "); nothing from line " + line + " on was imported");
        }
        throw e;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // the caller's stream; nothing more to do
        }
    }

    /** Collects one record's fields and whether its last field was quoted. */
    private static final class FieldsHandler extends AbstractBaseCsvCallbackHandler<Fields> {

        private final List<String> fields = new ArrayList<>();
        private boolean lastQuoted;

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields.clear();
            lastQuoted = false;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            fields.add(new String(buf, offset, len));
            lastQuoted = quoted;
        }

        @Override
        protected Fields buildRecord() {
            return new Fields(getStartingLineNumber(), fields.toArray(String[]::new), lastQuoted);
        }

        long line() {
            return getStartingLineNumber();
        }
    }

    /** Remembers the last character read that is not a line break. */
    private static final class TrackingReader extends FilterReader {

        private int lastSignificantChar = -1;

        TrackingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                see((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            for (int i = offset; i < offset + read; i++) {
                see(buffer[i]);
            }
            return read;
        }

        private void see(char c) {
            if (c != '\n' && c != '\r') {
                lastSignificantChar = c;
            }
        }

        int lastSignificantChar() {
            return lastSignificantChar;
        }
    }
}
