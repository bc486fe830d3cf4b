package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.support.PostgresTest;

/**
 * Import throughput on PostgreSQL: 200,000 invoices of 40,000 customers, imported once and then
 * again (all unchanged). Prints figures; asserts only that every row was taken. Not part of the
 * test run: {@code ./mvnw verify -Pbench -Dtest=RegistryImportBenchmark} (heap capped at 512 MB).
 * <p>
 * Besides wall time it prints the CPU seconds the JVM and the PostgreSQL backends of the test
 * database (the connection pool's, open from the start) spent, read from /proc with PostgreSQL on
 * the same Linux machine: on a shared machine the wall time says more about the neighbours than
 * about the import.
 */
@PostgresTest
class RegistryImportBenchmark {

    private static final int CUSTOMERS = 40_000;
    /** {@code -Dbench.invoices=1000000} for a file of a million rows. */
    private static final int INVOICES = Integer.getInteger("bench.invoices", 200_000);

    @Autowired
    RegistryImport imports;

    @Autowired
    JdbcClient jdbc;

    @Test
    void importsInvoicesOfFortyThousandCustomers() throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "bench"));
        Path customers = writeCustomers(folder.resolve("customers.csv"));
        Path warmUp = writeInvoices(folder.resolve("warm-up-invoices.csv"), "WI-", INVOICES / 2);
        Path invoices = writeInvoices(folder.resolve("invoices.csv"), "BI-", INVOICES);

        measure("customers", RegistryKind.CUSTOMERS, customers, CUSTOMERS);
        // a server has compiled its hot code long before; a cold JVM would mostly measure the JIT compiler
        measure("invoices, warm-up (other ids)", RegistryKind.INVOICES, warmUp, INVOICES / 2);
        ImportReport first = measure("invoices, first import", RegistryKind.INVOICES, invoices, INVOICES);
        ImportReport second = measure("invoices, same file again", RegistryKind.INVOICES, invoices, INVOICES);

        assertThat(first.accepted()).isEqualTo(INVOICES);
        assertThat(second.unchanged()).isEqualTo(INVOICES);
    }

    private ImportReport measure(String what, RegistryKind kind, Path file, int rows) throws IOException {
        System.gc();
        List<Long> backends = jdbc.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
                .query(Long.class).list();
        double jvmCpuBefore = jvmCpuSeconds();
        double databaseCpuBefore = cpuSeconds(backends);
        long started = System.nanoTime();
        ImportReport report;
        try (InputStream csv = Files.newInputStream(file)) {
            report = imports.importCsv(kind, csv);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double jvmCpu = jvmCpuSeconds() - jvmCpuBefore;
        double databaseCpu = cpuSeconds(backends) - databaseCpuBefore;
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("BENCH %-30s %,9d rows in %6.2f s = %,8.0f rows/s (accepted %d, unchanged %d, rejected %d;"
                        + " heap used %d MB of max %d MB; CPU: JVM %.2f s, PostgreSQL %.2f s; load %s)%n", what, rows,
                seconds, rows / seconds, report.accepted(), report.unchanged(), report.rejected(),
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20, jvmCpu, databaseCpu,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        return report;
    }

    private static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** User and system CPU of these processes, from /proc (clock ticks of 1/100 s). */
    private static double cpuSeconds(List<Long> pids) throws IOException {
        double seconds = 0;
        for (long pid : pids) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (Files.exists(stat)) {
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" "); // after "pid (name) "
                seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime
            }
        }
        return seconds;
    }

    private static Path writeCustomers(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("customer_id,name,group,email,phone,locale,time_zone\n");
            for (int i = 0; i < CUSTOMERS; i++) {
                out.write("B-" + i + ",Bench Customer " + i + ",individual,bench" + i + "@example.org,+7900" + (1_000_000 + i)
                        + ",ru,Europe/Moscow\n");
            }
        }
        return file;
    }

    private static Path writeInvoices(Path file, String idPrefix, int count) throws IOException {
        LocalDate january = LocalDate.of(2026, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("invoice_id,customer_id,contract,service,issued_on,due_on,amount,currency\n");
            for (int i = 0; i < count; i++) {
                LocalDate issued = january.plusDays(i % 59);
                out.write(idPrefix + i + ",B-" + (i % CUSTOMERS) + ",K-" + (i % CUSTOMERS) + ",electricity," + issued + ","
                        + issued.plusDays(14) + "," + (100 + i % 9_000) + "." + (i % 100 < 10 ? "0" : "") + (i % 100) + ",RUB\n");
            }
        }
        return file;
    }
}
