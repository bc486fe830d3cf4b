package dev.dunning.channels.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;
import dev.dunning.reports.SpreadsheetText;

/**
 * The daily print batches: at {@code batch-closes-at} business time the day's letters are closed into one PDF
 * (colored paper first, each letter on fresh sheets) and a manifest for the print shop. Closing is claimed in the
 * database, so exactly one node writes each batch; the batch can always be fetched again through the API.
 */
@Component
@ConditionalOnProperty(name = "dunning.notify.letter.enabled", havingValue = "true")
class LetterBatches implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(LetterBatches.class);

    /** A letter as the print shop's manifest lists it; the address is personal data, for printing only. */
    record Letter(String noticeId, String customerId, String recipient, boolean colored, int pages) {
    }

    /** A day's batch, open or closed. */
    record Batch(LocalDate date, int letters, int pages, int colored, boolean closed) {
    }

    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final LetterProperties properties;
    private final TransactionTemplate transaction;

    LetterBatches(JdbcClient jdbc, BusinessClock clock, LetterProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The batch a letter made at {@code now} joins: today's until it closes, then tomorrow's. */
    static LocalDate batchOf(Instant now, ZoneId zone, LocalTime closesAt) {
        var local = now.atZone(zone);
        return local.toLocalTime().isBefore(closesAt) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    }

    private Instant closingOf(LocalDate batch) {
        return batch.atTime(properties.batchClosesAt()).atZone(clock.getZone()).toInstant();
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return openBatchDates().stream().findFirst().map(this::closingOf);
    }

    @Override
    public void runDue(Instant now) {
        for (LocalDate batch : openBatchDates()) {
            if (closingOf(batch).isAfter(now)) {
                return;
            }
            close(batch);
        }
    }

    private List<LocalDate> openBatchDates() {
        return jdbc.sql("""
                SELECT DISTINCT l.batch_date FROM letter l
                WHERE NOT EXISTS (SELECT 1 FROM letter_batch b WHERE b.batch_date = l.batch_date)
                ORDER BY l.batch_date""")
                .query(LocalDate.class).list();
    }

    private void close(LocalDate batch) {
        List<Letter> letters = letters(batch);
        int pages = letters.stream().mapToInt(Letter::pages).sum();
        int colored = (int) letters.stream().filter(Letter::colored).count();
        try {
            transaction.executeWithoutResult(status -> jdbc.sql("""
                    INSERT INTO letter_batch (batch_date, letters, pages, colored, closed_at)
                    VALUES (:batch, :letters, :pages, :colored, :at)""")
                    .param("batch", batch).param("letters", letters.size()).param("pages", pages)
                    .param("colored", colored).param("at", clock.now().atOffset(ZoneOffset.UTC)).update());
        } catch (DuplicateKeyException closedElsewhere) {
            return;
        }
        Path folder = properties.batchFolder().resolve(batch.toString());
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve("letters-" + batch + ".pdf"), merged(batch));
            Files.writeString(folder.resolve("manifest-" + batch + ".csv"), manifest(batch));
        } catch (IOException e) {
            // The batch stays closed and can be fetched through the API; the folder is the operator's to fix.
            log.error("Print batch {} could not be written to {}: {}", batch, folder, e.getMessage());
            return;
        }
        log.info("Print batch {} closed: {} letters, {} pages, {} on colored paper", batch, letters.size(), pages, colored);
    }

    List<Batch> batches() {
        return jdbc.sql("""
                SELECT l.batch_date, COUNT(*) AS letters, SUM(l.pages) AS pages,
                       SUM(CASE WHEN l.colored THEN 1 ELSE 0 END) AS colored,
                       MAX(CASE WHEN b.batch_date IS NULL THEN 0 ELSE 1 END) AS closed
                FROM letter l LEFT JOIN letter_batch b ON b.batch_date = l.batch_date
                GROUP BY l.batch_date ORDER BY l.batch_date DESC""")
                .query((rs, row) -> new Batch(rs.getObject("batch_date", LocalDate.class), rs.getInt("letters"),
                        rs.getInt("pages"), rs.getInt("colored"), rs.getInt("closed") == 1))
                .list();
    }

    /** Colored paper first, then by customer: the order the print shop works in. */
    List<Letter> letters(LocalDate batch) {
        return jdbc.sql("""
                SELECT notice_id, customer_id, recipient, colored, pages FROM letter
                WHERE batch_date = :batch ORDER BY colored DESC, customer_id, notice_id""")
                .param("batch", batch)
                .query((rs, row) -> new Letter(rs.getString("notice_id"), rs.getString("customer_id"),
                        rs.getString("recipient"), rs.getBoolean("colored"), rs.getInt("pages")))
                .list();
    }

    /** All the batch's letters as one PDF, each starting on a fresh sheet (a blank back page after an odd one). */
    byte[] merged(LocalDate batch) {
        PDFMergerUtility merger = new PDFMergerUtility();
        for (Letter letter : letters(batch)) {
            byte[] pdf = jdbc.sql("SELECT pdf FROM letter WHERE notice_id = :id").param("id", letter.noticeId())
                    .query(byte[].class).single();
            merger.addSource(new RandomAccessReadBuffer(pdf));
            if (letter.pages() % 2 == 1) {
                merger.addSource(new RandomAccessReadBuffer(BLANK_PAGE));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        merger.setDestinationStream(out);
        try {
            merger.mergeDocuments(null);
        } catch (IOException e) {
            throw new UncheckedIOException("print batch " + batch + " could not be merged", e);
        }
        return out.toByteArray();
    }

    String manifest(LocalDate batch) {
        return manifest(letters(batch));
    }

    static String manifest(List<Letter> letters) {
        StringWriter csv = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(csv)) {
            writer.writeRecord("notice_id", "customer_id", "pages", "paper", "address");
            for (Letter letter : letters) {
                // the print shop opens the manifest in a spreadsheet: a name or address must not run as a formula
                writer.writeRecord(letter.noticeId(), SpreadsheetText.neutralise(letter.customerId()),
                        String.valueOf(letter.pages()), letter.colored() ? "colored" : "white",
                        SpreadsheetText.neutralise(letter.recipient()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toString();
    }

    private static final byte[] BLANK_PAGE = blankPage();

    private static byte[] blankPage() {
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A4));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
