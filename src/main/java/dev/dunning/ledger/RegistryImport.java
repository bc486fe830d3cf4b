package dev.dunning.ledger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.timeline.Timeline;

/**
 * Brings billing's registries into the ledger: customers, invoices and payments as CSV files of any
 * size, and single payments from payment systems, all through the same checks and the same writes.
 * <p>
 * A file is read twice, as a stream each time. The first reading stores nothing: a file that is not
 * text, not in one encoding or not CSV to its end is refused whole ({@link RejectedRegistryException}),
 * so no row of a broken file is ever stored. The second writes its rows in batches, each batch in its
 * own transaction, so a bad row never undoes good ones and a file of a million rows needs no more
 * memory than a few batches. The
 * caller's thread reads and checks rows while {@link BatchWriters} write earlier batches on threads
 * of their own. Importing the same file twice changes nothing the second time. After each committed batch of
 * invoices or payments, a {@link LedgerChanged} names the customers whose money changed; it is
 * published on the caller's thread.
 */
@Service
public class RegistryImport {

    private static final Logger log = LoggerFactory.getLogger(RegistryImport.class);

    private final CustomerTable customers;
    private final InvoiceTable invoices;
    private final PaymentTable payments;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final BusinessClock clock;
    private final Timeline timeline;
    private final ImportSettings settings;
    private final ImportMetrics metrics;
    private final PlannerStatistics statistics;

    RegistryImport(CustomerTable customers, InvoiceTable invoices, PaymentTable payments,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events, BusinessClock clock,
            Timeline timeline, ImportSettings settings, ImportMetrics metrics, PlannerStatistics statistics) {
        this.metrics = metrics;
        this.statistics = statistics;
        this.customers = customers;
        this.invoices = invoices;
        this.payments = payments;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.clock = clock;
        this.timeline = timeline;
        this.settings = settings;
    }

    /**
     * Imports one registry file. Good rows are stored, bad rows are reported with their line, column
     * and reason. The stream is read to its end and closed; it is kept in a temporary file meanwhile
     * (readable by this user only, deleted at the end), because the file is read twice.
     *
     * @throws RejectedRegistryException when the file is refused as a whole; then nothing of it is stored
     */
    public ImportReport importCsv(RegistryKind kind, InputStream csv) {
        if (csv instanceof ByteArrayInputStream inMemory) {
            byte[] bytes = inMemory.readAllBytes();
            return importCsv(kind, () -> new ByteArrayInputStream(bytes), () -> { });
        }
        Path spool = null;
        try {
            spool = Files.createTempFile("dunning-registry-", ".csv");
            try (csv) {
                Files.copy(csv, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            Path spooled = spool;
            return importCsv(kind, () -> Files.newInputStream(spooled), () -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(spool);
        }
    }

    /**
     * As {@link #importCsv(RegistryKind, InputStream)} for a file that can be opened more than once,
     * calling {@code afterEachBatch} after each committed batch.
     */
    ImportReport importCsv(RegistryKind kind, RegistrySource csv, Runnable afterEachBatch) {
        return switch (kind) {
            case CUSTOMERS -> run(customers, csv, afterEachBatch);
            case INVOICES -> run(invoices, csv, afterEachBatch);
            case PAYMENTS -> run(payments, csv, afterEachBatch);
        };
    }

    /** A registry that can be read again from its start: an uploaded or dropped file, a spooled stream. */
    @FunctionalInterface
    interface RegistrySource {

        InputStream open() throws IOException;
    }

    private static void deleteQuietly(Path spool) {
        if (spool == null) {
            return;
        }
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            log.warn("The spooled registry {} could not be deleted", spool, e);
        }
    }

    /**
     * Records one payment reported by a payment system, exactly as if it were a row of a payments
     * registry, and notes it in the customer's timeline when it changed the ledger.
     *
     * @param actor who reports it (the user name of the caller)
     * @throws PaymentRejectedException when the payment is invalid or conflicts with the stored one
     */
    public PaymentOutcome recordPayment(PaymentSubmission submission, String actor) {
        RowValues values = new RowValues(new SubmittedRow(submission.byColumn()));
        PaymentRow payment = payments.read(values);
        if (!values.valid()) {
            metrics.imported(RegistryKind.PAYMENTS, 0, 0, 1);
            throw rejectedPayment(false, values.problems());
        }
        BatchMerge.Result<PaymentRow> result = mergeAndCommit(payments, List.of(new CheckedRow<>(1, payment)),
                merged -> {
                    if (merged.accepted() > 0) {
                        timeline.record(payment.customerId(), null, "payment-recorded", actor, "payment "
                                + payment.paymentId() + " of " + payment.amount().toPlainString() + " "
                                + payment.currency() + " recorded (" + payment.status().code() + ")");
                    }
                });
        if (!result.rejected().isEmpty()) {
            RejectedRow rejected = result.rejected().get(0);
            metrics.imported(RegistryKind.PAYMENTS, 0, 0, 1);
            throw rejectedPayment(rejected.conflict(), rejected.problems());
        }
        announce(payments, result);
        boolean unchanged = result.created().isEmpty() && result.updated().isEmpty();
        metrics.imported(RegistryKind.PAYMENTS, unchanged ? 0 : 1, unchanged ? 1 : 0, 0);
        PaymentOutcome.Result outcome = !result.created().isEmpty() ? PaymentOutcome.Result.CREATED
                : !result.updated().isEmpty() ? PaymentOutcome.Result.CONFIRMED
                : PaymentOutcome.Result.UNCHANGED;
        return new PaymentOutcome(payment.paymentId(), payment.customerId(), outcome);
    }

    private <T> ImportReport run(RegistryTable<T> table, RegistrySource source, Runnable afterEachBatch) {
        long started = System.nanoTime();
        try {
            RegistryCsv.check(source.open(), table.kind(), table.requiredColumns());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportTally tally = new ImportTally(settings.maxReportedErrors());
        try (InputStream in = source.open();
                RegistryCsv csv = RegistryCsv.open(in, table.kind(), table.requiredColumns());
                BatchWriters<T> writers = new BatchWriters<>(settings.writers(), settings.batchSize(), table::id,
                        batch -> mergeAndCommit(table, batch, merged -> { }),
                        committed -> {
                            tally.add(committed);
                            announce(table, committed);
                            afterEachBatch.run();
                        })) {
            try {
                for (RegistryCsv.Row row = csv.next(); row != null; row = csv.next()) {
                    CheckedRow<T> checked = check(table, csv, row, tally);
                    if (checked != null) {
                        writers.add(checked);
                    }
                }
            } catch (RegistryCsv.Unreadable e) {
                throw new IllegalStateException("the " + table.kind().registryName() + " registry changed while it was"
                        + " imported: line " + e.line() + " was readable a moment before (" + e.getMessage()
                        + "); rows before it may have been stored, importing the file again is safe");
            }
            writers.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportReport report = tally.report();
        metrics.imported(table.kind(), report.accepted(), report.unchanged(), report.rejected());
        statistics.afterImport(table.kind(), report.accepted());
        log.info("{} registry imported in {} ms: {} accepted, {} unchanged, {} rejected", table.kind().registryName(),
                (System.nanoTime() - started) / 1_000_000, report.accepted(), report.unchanged(), report.rejected());
        return report;
    }

    /**
     * Checks one row on its own: the checked row, or null when it is counted as rejected with its problems. The
     * fuzzer ({@code RegistryCsvFuzzTest}) drives this with files of any bytes.
     */
    static <T> CheckedRow<T> check(RegistryTable<T> table, RegistryCsv csv, RegistryCsv.Row row, ImportTally tally) {
        if (row.fieldCount() != csv.width()) {
            tally.reject(row.line(), List.of(RowProblem.invalid(null, "the row has " + row.fieldCount()
                    + " fields but the header names " + csv.width() + " columns")));
            return null;
        }
        List<RowProblem> garbled = row.encodingProblems();
        if (!garbled.isEmpty()) {
            tally.reject(row.line(), garbled);
            return null;
        }
        RowValues values = new RowValues(row);
        T value = table.read(values);
        if (!values.valid()) {
            tally.reject(row.line(), values.problems());
            return null;
        }
        return new CheckedRow<>(row.line(), value);
    }

    /**
     * Merges a batch in a transaction and returns once it is committed. Import batches run on the
     * writer thread, so each has a transaction of its own; a single payment joins its caller's
     * transaction when there is one.
     */
    private <T> BatchMerge.Result<T> mergeAndCommit(RegistryTable<T> table, List<CheckedRow<T>> batch,
            Consumer<BatchMerge.Result<T>> alsoInTransaction) {
        try {
            try {
                return transactions.execute(status -> merge(table, batch, alsoInTransaction));
            } catch (DuplicateKeyException e) {
                // Another import stored some of these ids between our look-up and our insert; a second
                // look-up sees them and compares instead of inserting.
                return transactions.execute(status -> merge(table, batch, alsoInTransaction));
            }
        } catch (DataAccessException e) {
            String sqlState = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : "unknown";
            throw new RegistryWriteException(table.kind(), batch.get(0).line(), batch.get(batch.size() - 1).line(),
                    sqlState, e.getClass().getSimpleName());
        }
    }

    private <T> BatchMerge.Result<T> merge(RegistryTable<T> table, List<CheckedRow<T>> batch,
            Consumer<BatchMerge.Result<T>> alsoInTransaction) {
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        BatchMerge.Result<T> result = BatchMerge.merge(table, batch, now);
        alsoInTransaction.accept(result);
        return result;
    }

    /**
     * Tells other features whose money changed. A failing listener is logged and the import goes on:
     * the batch is committed, and the daily evaluation reads the ledger itself.
     */
    private <T> void announce(RegistryTable<T> table, BatchMerge.Result<T> result) {
        if (table.kind() == RegistryKind.CUSTOMERS || result.accepted() == 0) {
            return;
        }
        Set<String> changed = new LinkedHashSet<>();
        result.created().forEach(row -> changed.add(table.customerId(row)));
        result.updated().forEach(row -> changed.add(table.customerId(row)));
        try {
            events.publishEvent(new LedgerChanged(Set.copyOf(changed)));
        } catch (RuntimeException e) {
            log.error("A listener of LedgerChanged failed for {} customers after a committed {} batch; the import goes on",
                    changed.size(), table.kind().registryName(), e);
        }
    }

    private static PaymentRejectedException rejectedPayment(boolean conflict, List<RowProblem> problems) {
        return new PaymentRejectedException(conflict, problems.stream()
                .map(problem -> new PaymentRejectedException.FieldProblem(fieldName(problem.column()), problem.message()))
                .toList());
    }

    /** {@code paid_on} becomes {@code paidOn}, the name the JSON and {@link PaymentSubmission} use. */
    static String fieldName(String column) {
        StringBuilder field = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                field.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return field.toString();
    }

    /** A payment that came alone, as one row. */
    private record SubmittedRow(Map<String, String> byColumn) implements RawRow {

        @Override
        public long line() {
            return 1;
        }

        @Override
        public String value(String column) {
            String value = byColumn.get(column);
            if (value == null || value.isBlank()) {
                return null;
            }
            return value.strip();
        }
    }
}
