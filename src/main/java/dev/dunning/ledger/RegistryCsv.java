package dev.dunning.ledger;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;

/**
 * A registry file read one record at a time (RFC 4180, a header row, columns in any order), so that
 * a file of any size never sits in memory.
 * <p>
 * Registries are UTF-8, with or without a byte order mark. UTF-16 is decoded too, because it says
 * what it is: by its byte order mark, or without one by the zero bytes between the ASCII letters of
 * the header. Any other code page (Windows-1251, Latin-1) cannot be told from UTF-8 by its bytes,
 * so it is never guessed: its bytes are not UTF-8, they become U+FFFD, and {@link #check} refuses the
 * file naming the lines and columns that hold them, rather than storing garbled names. Files that are
 * not text at all (an image, an .xlsx workbook, a PDF) and UTF-32 are refused at their first bytes.
 * <p>
 * FastCSV reads a quote that is never closed as one last field running to the end of the file,
 * without complaint; this reader notices it and names the line where the quote opened.
 */
final class RegistryCsv implements Closeable {

    /** A field longer than this is an unclosed quote, not data; it also bounds the memory one record takes. */
    static final int MAX_FIELD_CHARS = 1 << 20;
    /** More fields than this in one record are counted but not kept, so a line of a million commas costs nothing. */
    static final int MAX_FIELDS = 1024;
    /** Lines a refusal for text that is not in the file's encoding lists; the rest are counted. */
    static final int MAX_LISTED_LINES = 20;
    private static final char BOM = '\uFEFF';
    private static final char NOT_DECODABLE = '\uFFFD';

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

    /** One data row of the file; {@code fieldCount} may exceed the fields kept ({@link #MAX_FIELDS}). */
    record Row(long line, String[] fields, int fieldCount, Map<String, Integer> columns, String[] names,
            String encoding) implements RawRow {

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
            for (String field : fields) {
                if (!field.isBlank()) {
                    return false;
                }
            }
            return true;
        }

        /** The columns whose bytes were not text in the file's encoding. */
        List<RowProblem> encodingProblems() {
            List<RowProblem> problems = new ArrayList<>(0);
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].indexOf(NOT_DECODABLE) >= 0) {
                    String column = i < names.length && !names[i].isEmpty() ? names[i] : null;
                    problems.add(RowProblem.invalid(column, (column == null ? "field " + (i + 1) : column)
                            + " is not " + encoding + " text; save the registry as UTF-8"));
                }
            }
            return problems;
        }
    }

    private record Fields(long line, String[] values, int count, boolean lastQuoted) {
    }

    private final Charset charset;
    private final TrackingReader source;
    private final FieldsHandler handler = new FieldsHandler();
    private final CsvReader<Fields> reader;
    private final CloseableIterator<Fields> records;
    private final Map<String, Integer> columns = new HashMap<>();
    private String[] names = new String[0];
    private RuntimeException deferred;

    private RegistryCsv(Charset charset, InputStream in) {
        this.charset = charset;
        this.source = new TrackingReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(NOT_DECODABLE))));
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
     * @throws RejectedRegistryException when the file is not text, there is no header or a required column is missing
     */
    static RegistryCsv open(InputStream in, RegistryKind kind, List<String> requiredColumns) {
        BufferedInputStream bytes = new BufferedInputStream(in);
        Charset charset;
        try {
            charset = FileSignature.charsetOf(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RegistryCsv csv = new RegistryCsv(charset, bytes);
        try {
            csv.readHeader(kind, requiredColumns);
            return csv;
        } catch (RuntimeException e) {
            csv.closeQuietly();
            throw e;
        }
    }

    /**
     * Reads a whole registry once without keeping anything, so that a file that cannot be read to its
     * end (a quote never closed, a field longer than {@link #MAX_FIELD_CHARS}) or that is not text in
     * its encoding is refused before a single row of it is stored. The stream is closed.
     *
     * @throws RejectedRegistryException naming the lines (and columns) at fault
     */
    static void check(InputStream in, RegistryKind kind, List<String> requiredColumns) {
        try (RegistryCsv csv = open(in, kind, requiredColumns)) {
            csv.checkRows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkRows() {
        List<ImportError> garbled = new ArrayList<>();
        long garbledLines = 0;
        try {
            for (Row row = next(); row != null; row = next()) {
                List<RowProblem> problems = row.encodingProblems();
                if (!problems.isEmpty()) {
                    garbledLines++;
                    if (garbledLines <= MAX_LISTED_LINES) {
                        for (RowProblem problem : problems) {
                            garbled.add(new ImportError(row.line(), problem.column(), problem.message()));
                        }
                    }
                }
            }
        } catch (Unreadable e) {
            List<ImportError> problems = new ArrayList<>(garbled);
            problems.add(new ImportError(e.line(), null, e.getMessage()));
            throw new RejectedRegistryException(e.getMessage(), problems);
        }
        if (garbledLines > 0) {
            ImportError first = garbled.get(0);
            throw new RejectedRegistryException("the registry is not " + encoding() + " text on " + garbledLines
                    + (garbledLines == 1 ? " line" : " lines") + " (the first: line " + first.line()
                    + (first.column() == null ? "" : ", column " + first.column())
                    + (garbledLines > MAX_LISTED_LINES ? "; the first " + MAX_LISTED_LINES + " are listed" : "")
                    + "), so nothing was imported; it was probably saved in another code page such as Windows-1251:"
                    + " save it as UTF-8 (in Excel: CSV UTF-8) and send it again", garbled);
        }
    }

    /** The file's encoding as messages name it. */
    String encoding() {
        return charset == StandardCharsets.UTF_8 ? "UTF-8" : charset.name();
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
        if (header.count() > MAX_FIELDS) {
            throw new RejectedRegistryException(List.of(new ImportError(header.line(), null, "the header names "
                    + header.count() + " columns; a registry has at most " + MAX_FIELDS + ", so nothing was imported")));
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
            if (name.indexOf(NOT_DECODABLE) >= 0 || name.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                throw new RejectedRegistryException(List.of(new ImportError(header.line(), null, "column " + (i + 1)
                        + " of the header is not " + encoding() + " text; a registry is a CSV text file, UTF-8,"
                        + " starting with a header row such as " + String.join(",", requiredColumns)
                        + ", so nothing was imported")));
            }
            if (name.isEmpty()) {
                continue;
            }
            if (columns.putIfAbsent(name, i) != null) {
                problems.add(new ImportError(header.line(), name, "column " + name + " appears twice in the header"));
            }
        }
        String separator = otherSeparator(names);
        if (separator != null && requiredColumns.stream().anyMatch(required -> !columns.containsKey(required))) {
            throw new RejectedRegistryException(List.of(new ImportError(header.line(), null, "the header is one column '"
                    + RowValues.echo(names[0]) + "': the file seems separated by " + separator + "; a registry is separated"
                    + " by commas (in Excel: save as CSV UTF-8, comma delimited), so nothing was imported")));
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

    /** The separator of a header read as a single column because it is not separated by commas, or null. */
    private static String otherSeparator(String[] names) {
        if (names.length != 1) {
            return null;
        }
        return names[0].indexOf(';') >= 0 ? "semicolons" : names[0].indexOf('\t') >= 0 ? "tabs"
                : names[0].indexOf('|') >= 0 ? "vertical bars" : null;
    }

    /** The number of columns the header names; every row must have as many fields. */
    int width() {
        return names.length;
    }

    /** The header's column names, lower case, in file order (blank for a column without a name). */
    List<String> names() {
        return List.of(names);
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
            Row row = new Row(fields.line(), fields.values(), fields.count(), columns, names, encoding());
            if (!row.blank() || fields.count() > fields.values().length) {
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
                + " is never closed, so the rest of the file reads as one field; nothing was imported");
    }

    private Unreadable unreadable(RuntimeException e) {
        if (e instanceof CsvParseException) {
            long line = handler.line();
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return new Unreadable(line, "line " + line + " cannot be read as CSV (" + reason + "); nothing was imported");
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

    /** Collects one record's fields (the first {@link #MAX_FIELDS}), how many there were, and whether the last was quoted. */
    private static final class FieldsHandler extends AbstractBaseCsvCallbackHandler<Fields> {

        private final List<String> fields = new ArrayList<>();
        private int count;
        private boolean lastQuoted;

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields.clear();
            count = 0;
            lastQuoted = false;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            count++;
            if (fields.size() < MAX_FIELDS) {
                fields.add(new String(buf, offset, len));
            }
            lastQuoted = quoted;
        }

        @Override
        protected Fields buildRecord() {
            return new Fields(getStartingLineNumber(), fields.toArray(String[]::new), count, lastQuoted);
        }

        long line() {
            return getStartingLineNumber();
        }
    }

    /**
     * Turns every line end (CR, LF, CRLF) into one LF, and remembers the last character that is not a line
     * break. FastCSV 4.0 loses a quoted field holding a lone CR ({@code a,"x\ry"\nb,c} reads as
     * {@code a,b,c}: the field gone, two records run together), and old Mac files end their lines with CR, so a
     * CR never reaches it. Line numbers stay as they were; a line break inside a quoted field becomes LF.
     */
    private static final class TrackingReader extends FilterReader {

        private int lastSignificantChar = -1;
        private boolean afterCr;

        TrackingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            while (true) {
                int read = super.read(buffer, offset, length);
                if (read <= 0) {
                    return read;
                }
                int kept = offset;
                for (int i = offset; i < offset + read; i++) {
                    char c = buffer[i];
                    if (c == '\n' && afterCr) {
                        afterCr = false;
                        continue;
                    }
                    afterCr = c == '\r';
                    if (afterCr) {
                        c = '\n';
                    } else if (c != '\n') {
                        lastSignificantChar = c;
                    }
                    buffer[kept++] = c;
                }
                if (kept > offset) {
                    return kept - offset;
                }
                // the chunk was the LF of a CRLF split over two reads; read on rather than answer 0
            }
        }

        int lastSignificantChar() {
            return lastSignificantChar;
        }
    }
}
