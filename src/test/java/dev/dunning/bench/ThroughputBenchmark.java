package dev.dunning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.cases.Evaluation;
import dev.dunning.cases.EvaluationReport;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.ImportReport;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.support.PostgresTest;

/**
 * Prints throughput figures on PostgreSQL; run with {@code ./mvnw verify -Pbench} (heap capped at
 * 512 MB). Not part of the test run, and nothing here fails on speed: the figures are for people.
 * Sizes: {@code -Dbench.customers=200000 -Dbench.invoicesPerCustomer=5 -Dbench.cases=50000}.
 */
@PostgresTest
@TestPropertySource(properties = {
        // Starts are measured on their own: the jobs they create would otherwise run alongside.
        "flowable.async-executor-activate=false",
        "logging.level.dev.dunning=WARN"})
class ThroughputBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 200_000);
    private static final int INVOICES_PER_CUSTOMER = Integer.getInteger("bench.invoicesPerCustomer", 5);
    private static final int CASES = Integer.getInteger("bench.cases", 50_000);

    @Autowired
    RegistryImport imports;
    @Autowired
    Evaluation evaluation;
    @Autowired
    Ledger ledger;
    @Autowired
    RuntimeService runtime;
    @Autowired
    BusinessClock clock;

    @Test
    void importEvaluateAndOpenCases() throws IOException {
        Path folder = Files.createTempDirectory("dunning-bench");
        LocalDate today = clock.today();
        Path customers = folder.resolve("customers.csv");
        Path invoices = folder.resolve("invoices.csv");
        writeRegistries(customers, invoices, today);
        figure("registries", "%,d customers, %,d invoices (%,d customers overdue past grace)",
                CUSTOMERS, CUSTOMERS * INVOICES_PER_CUSTOMER, Math.min(CASES, CUSTOMERS));

        timedImport(RegistryKind.CUSTOMERS, customers);
        ImportReport invoiceReport = timedImport(RegistryKind.INVOICES, invoices);
        assertThat(invoiceReport.rejected()).isZero();

        long queryStarted = System.nanoTime();
        AtomicLong worth = new AtomicLong();
        ledger.forEachWorthWorking(null, debt -> worth.incrementAndGet());
        double querySeconds = seconds(queryStarted);
        figure("evaluation query", "%,d customers worth a case found in %.1f s", worth.get(), querySeconds);

        int plainStarts = Math.min(CASES, 50_000);
        long plainStarted = System.nanoTime();
        for (int n = 0; n < plainStarts; n++) {
            runtime.startProcessInstanceByKey("individual-standard", "plain-" + n, Map.of("customerId", "B" + n));
        }
        double plainRate = plainStarts / seconds(plainStarted);
        figure("plain Flowable", "%,d starts of individual-standard, one per transaction: %.0f starts/s", plainStarts,
                plainRate);

        long evaluationStarted = System.nanoTime();
        EvaluationReport report = evaluation.evaluate();
        double evaluationSeconds = seconds(evaluationStarted);
        double openingRate = report.opened() / Math.max(0.001, evaluationSeconds - querySeconds);
        figure("daily evaluation", "%,d cases opened in %.1f s (query %.1f s + opening)", report.opened(),
                evaluationSeconds, querySeconds);
        figure("case opening", "%.0f cases/s = %.0f%% of plain Flowable", openingRate, 100 * openingRate / plainRate);
        assertThat(report.opened()).isEqualTo(Math.min(CASES, CUSTOMERS));
    }

    private ImportReport timedImport(RegistryKind kind, Path file) throws IOException {
        resetHeapPeaks();
        long started = System.nanoTime();
        ImportReport report;
        try (InputStream in = Files.newInputStream(file)) {
            report = imports.importCsv(kind, in);
        }
        double took = seconds(started);
        long rows = report.accepted() + report.unchanged() + report.rejected();
        figure("import " + kind.registryName(), "%,d rows in %.1f s = %,.0f rows/s, peak heap %d MB", rows, took,
                rows / took, peakHeapMegabytes());
        return report;
    }

    /** The first {@code CASES} customers owe 1,000.00 due 30 days ago; everyone else's bills are not due yet. */
    private static void writeRegistries(Path customers, Path invoices, LocalDate today) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(customers)) {
            out.write("customer_id,name,group,email,locale\n");
            for (int n = 0; n < CUSTOMERS; n++) {
                out.write("B" + n + ",Bench Customer " + n + ",individual,bench" + n + "@example.org,ru\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(invoices)) {
            out.write("invoice_id,customer_id,contract,service,issued_on,due_on,amount\n");
            for (int n = 0; n < CUSTOMERS; n++) {
                for (int k = 0; k < INVOICES_PER_CUSTOMER; k++) {
                    LocalDate due = n < CASES ? today.minusDays(30 + k) : today.plusDays(10 + k);
                    out.write("I" + n + "-" + k + ",B" + n + ",K" + n + ",utilities," + due.minusDays(20) + "," + due
                            + ",200.00\n");
                }
            }
        }
    }

    private static void resetHeapPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum() / (1024 * 1024);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void figure(String what, String format, Object... values) {
        System.out.printf("BENCH %-18s %s%n", what, String.format(format, values));
    }
}
