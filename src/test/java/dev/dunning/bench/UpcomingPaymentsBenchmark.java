package dev.dunning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.ImportReport;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.support.PostgresTest;
import dev.dunning.upcoming.UpcomingPayments;

/**
 * Prints what the daily "who needs a reminder before a due date" costs on PostgreSQL; run with
 * {@code ./mvnw verify -Pbench}. Nothing here fails on speed: the figures are for people.
 * <p>
 * A steady day of monthly billing: every customer has a due day (customer n: today + n mod 30), three
 * past months paid, this month's and next month's invoices open. The reminders of the due dates of the
 * next 7 days, but the last, were started on the days before (their rows are written directly), so today's
 * run finds 8/30 of the customers in its window and starts the 1/30 whose date is 7 days away.
 * Sizes: {@code -Dbench.customers=200000}.
 */
@PostgresTest
@TestPropertySource(properties = {
        // Starts are measured on their own: the timers they create would otherwise run alongside.
        "flowable.async-executor-activate=false",
        "logging.level.dev.dunning=WARN"})
class UpcomingPaymentsBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 200_000);
    private static final int CYCLE = 30;
    private static final int HORIZON = 7;

    @Autowired
    RegistryImport imports;
    @Autowired
    Ledger ledger;
    @Autowired
    UpcomingPayments upcoming;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;

    @Test
    void findAndStartTodaysRemindersBeforeADueDate() throws IOException {
        LocalDate today = clock.today();
        Path folder = Files.createTempDirectory("dunning-bench-upcoming");
        Path customers = folder.resolve("customers.csv");
        Path invoices = folder.resolve("invoices.csv");
        Path payments = folder.resolve("payments.csv");
        writeRegistries(customers, invoices, payments, today);
        load(RegistryKind.CUSTOMERS, customers);
        load(RegistryKind.INVOICES, invoices);
        load(RegistryKind.PAYMENTS, payments);
        int startedBefore = startedOnTheDaysBefore(today);
        jdbc.execute("ANALYZE");
        figure("ledger", "%,d customers, %,d invoices, %,d payments; %,d reminders started on the days before",
                CUSTOMERS, CUSTOMERS * 5, CUSTOMERS * 3, startedBefore);

        startPlain("warm-up", 500, today);

        String alreadyStarted = "EXISTS (SELECT 1 FROM upcoming_payment u"
                + " WHERE u.customer_id = d.customer_id AND u.due_on = d.due_on)";
        AtomicLong inWindow = new AtomicLong();
        long started = System.nanoTime();
        ledger.forEachAmountDue(today, today.plusDays(HORIZON), Set.of("individual"), List.of(),
                due -> inWindow.incrementAndGet());
        figure("window", "%,d customer-dates due in the next %d days found in %.2f s (nothing left out)", inWindow.get(),
                HORIZON, seconds(started));

        AtomicLong toStart = new AtomicLong();
        started = System.nanoTime();
        ledger.forEachAmountDue(today, today.plusDays(HORIZON), Set.of("individual"), List.of(alreadyStarted),
                due -> toStart.incrementAndGet());
        double querySeconds = seconds(started);
        figure("daily query", "%,d customer-dates need a reminder process, found in %.2f s", toStart.get(), querySeconds);

        started = System.nanoTime();
        int startedToday = upcoming.startReminders(null);
        double runSeconds = seconds(started);
        double startSeconds = Math.max(0.001, runSeconds - querySeconds);
        figure("daily starts", "%,d reminder processes started in %.1f s (query + starts) = %.0f starts/s", startedToday,
                runSeconds, startedToday / startSeconds);

        int plainStarts = 2_000;
        started = System.nanoTime();
        startPlain("plain", plainStarts, today);
        figure("plain Flowable", "%,d starts of upcoming-payment, one per transaction: %.0f starts/s", plainStarts,
                plainStarts / seconds(started));

        started = System.nanoTime();
        int again = upcoming.startReminders(null);
        figure("same day again", "%,d started; the query alone took %.2f s", again, seconds(started));

        assertThat(toStart.get()).isEqualTo(startedToday);
        assertThat(startedToday).as("customers due in 7 days").isEqualTo((CUSTOMERS - HORIZON + CYCLE - 1) / CYCLE);
        assertThat(again).isZero();
    }

    /** Starts the plan the way plain Flowable would, without Dunning: for comparison, and to warm up the JVM. */
    private void startPlain(String prefix, int count, LocalDate today) {
        for (int n = 0; n < count; n++) {
            runtime.startProcessInstanceByKey("upcoming-payment", prefix + ":" + n,
                    Map.of("customerId", "B" + (n % CUSTOMERS), "dueOn", today.plusMonths(1)));
        }
    }

    /** What the runs of the days before left: a row per customer whose due date is 0 to 6 days away. */
    private int startedOnTheDaysBefore(LocalDate today) {
        return jdbc.update("""
                INSERT INTO upcoming_payment (customer_id, due_on, plan_key, plan_version, process_instance_id, started_at)
                SELECT i.customer_id, i.due_on, 'upcoming-payment', 1, 'started-before', ?
                FROM invoice i WHERE i.due_on BETWEEN ? AND ?""",
                clock.now().atOffset(ZoneOffset.UTC), today, today.plusDays(HORIZON - 1));
    }

    private void load(RegistryKind kind, Path file) throws IOException {
        long started = System.nanoTime();
        ImportReport report;
        try (InputStream in = Files.newInputStream(file)) {
            report = imports.importCsv(kind, in);
        }
        assertThat(report.errors()).as(kind + " rows rejected").isEmpty();
        figure("import " + kind.registryName(), "%,d rows in %.1f s", report.accepted(), seconds(started));
    }

    private static void writeRegistries(Path customers, Path invoices, Path payments, LocalDate today) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(customers)) {
            out.write("customer_id,name,group,email,locale\n");
            for (int n = 0; n < CUSTOMERS; n++) {
                out.write("B" + n + ",Bench Customer " + n + ",individual,bench" + n + "@example.org,ru\n");
            }
        }
        try (BufferedWriter invoiceOut = Files.newBufferedWriter(invoices);
                BufferedWriter paymentOut = Files.newBufferedWriter(payments)) {
            invoiceOut.write("invoice_id,customer_id,contract,service,issued_on,due_on,amount\n");
            paymentOut.write("payment_id,customer_id,invoice_id,paid_on,amount,status\n");
            for (int n = 0; n < CUSTOMERS; n++) {
                LocalDate dueDay = today.plusDays(n % CYCLE);
                for (int month = -3; month <= 1; month++) {
                    LocalDate due = dueDay.plusMonths(month);
                    String invoice = "I" + n + "-" + (month + 3);
                    invoiceOut.write(invoice + ",B" + n + ",K" + n + ",utilities," + due.minusDays(20) + "," + due
                            + ",1500.00\n");
                    if (month < 0) {
                        paymentOut.write("P" + n + "-" + (month + 3) + ",B" + n + "," + invoice + "," + due.minusDays(1)
                                + ",1500.00,confirmed\n");
                    }
                }
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void figure(String what, String format, Object... values) {
        System.out.printf("BENCH %-18s %s%n", what, String.format(format, values));
    }
}
