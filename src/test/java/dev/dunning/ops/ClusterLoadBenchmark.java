package dev.dunning.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dunning.support.DunningNode;
import dev.dunning.support.PostgresAvailable;
import dev.dunning.support.PostgresTestDatabase;

/**
 * Dunning under load on PostgreSQL, side by side in one run: billing's registries imported, the daily evaluation
 * opening the cases, and every case's first reminder handed to an SMS gateway, by one node and by two nodes (each a
 * JVM of its own, on a copy of the same ledger), then plain Flowable running the same plan on the same PostgreSQL
 * server with a reminder task that does nothing. Prints {@code BENCH} lines; nothing fails on speed, only on correctness.
 * Sizes: {@code -Dbench.customers=1000000 -Dbench.invoicesPerCustomer=5 -Dbench.cases=100000}.
 */
@Tag("postgres")
@ExtendWith(PostgresAvailable.class)
class ClusterLoadBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000_000);
    private static final int INVOICES_PER_CUSTOMER = Integer.getInteger("bench.invoicesPerCustomer", 5);
    private static final int CASES = Integer.getInteger("bench.cases", 100_000);
    private static final String HEAP = System.getProperty("bench.node-heap", "1g");
    private static final String PLAN = "bench-reminders";
    private static final Duration START = Duration.ofMinutes(5);
    private static final Duration WORK = Duration.ofHours(3);

    @Test
    void oneNodeThenTwoNodesThenPlainFlowable() throws Exception {
        Path folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "load-");
        Path customers = folder.resolve("customers.csv");
        Path invoices = folder.resolve("invoices.csv");
        writeRegistries(customers, invoices);
        figure("registries", "%,d customers, %,d invoices, %,d customers overdue (one case each)", CUSTOMERS,
                (long) CUSTOMERS * INVOICES_PER_CUSTOMER, CASES);

        String copy;
        Run one;
        try (NodeFixture single = fixture(new NodeFixture(PLAN))) {
            DunningNode importer = single.start("load-1", Map.of()).awaitUp(START);
            try (HeapPeaks heap = new HeapPeaks(List.of(importer))) {
                timedImport(importer, "customers", customers, CUSTOMERS);
                timedImport(importer, "invoices", invoices, (long) CUSTOMERS * INVOICES_PER_CUSTOMER);
                figure("import heap", "peak %d MB (node heap %s)", heap.peakMegabytes(importer), HEAP);
            }
            long caughtUp = System.nanoTime();
            single.await("the debt picture caught up with the import", Duration.ofMinutes(15),
                    () -> single.count("SELECT count(*) FROM debt_position_stale") == 0,
                    () -> single.count("SELECT count(*) FROM debt_position_stale") + " customers still stale");
            figure("import", "debt picture caught up %.1f s after the import's end", seconds(caughtUp));
            figure("ledger size", "%,d MB", databaseBytes(single) / 1_000_000);
            importer.stop();
            copy = copyOf(single.database);
            one = run(single, List.of(single.restart(importer, Map.of()).awaitUp(START)));
        }
        Run two;
        try (NodeFixture pair = fixture(new NodeFixture(PLAN, copy))) {
            DunningNode first = pair.start("load-2a", Map.of());
            DunningNode second = pair.start("load-2b", Map.of());
            CompletableFuture<DunningNode> firstUp = CompletableFuture.supplyAsync(() -> first.awaitUp(START));
            second.awaitUp(START);
            two = run(pair, List.of(firstUp.join(), second));
        } finally {
            drop(copy);
        }
        // A database of its own on the same server: Flowable refuses to share the embedded engine's tables
        // (different schema version bookkeeping), and its rows would mix with the cases'.
        Plain plain = plainFlowable(PostgresTestDatabase.createDatabase());

        figure("side by side", "%-28s %12s %12s %12s", "", "one node", "two nodes", "plain Flowable");
        figure("side by side", "%-28s %12.1f %12.1f %12s", "evaluation, s", one.evaluationSeconds(),
                two.evaluationSeconds(), "-");
        figure("side by side", "%-28s %12.0f %12.0f %12.0f", "opening: cases (starts) / s", one.openingRate(),
                two.openingRate(), plain.startRate());
        figure("side by side", "%-28s %12.0f %12.0f %12.0f", "first reminders / s", one.reminderRate(),
                two.reminderRate(), plain.firstStepRate());
        figure("side by side", "%-28s %12s %12s %12d", "peak heap per node, MB", one.peakHeaps(), two.peakHeaps(),
                plain.peakHeapMegabytes());
        figure("side by side", "%-28s %12.1f %12.1f %12.1f", "database per case, kB", one.bytesPerCase() / 1000.0,
                two.bytesPerCase() / 1000.0, plain.bytesPerInstance() / 1000.0);
        figure("side by side", "%-28s %11.0f%% %11.0f%% %12s", "reminders vs plain Flowable",
                100 * one.reminderRate() / plain.firstStepRate(), 100 * two.reminderRate() / plain.firstStepRate(),
                "100%");
    }

    private static NodeFixture fixture(NodeFixture fixture) {
        fixture.heap = HEAP;
        fixture.settings.put("logging.level.dev.dunning", "WARN");
        fixture.settings.put("logging.level.dev.dunning.cases.Evaluation", "INFO");
        fixture.settings.put("logging.level.dev.dunning.ledger.RegistryImport", "INFO");
        return fixture;
    }

    private record Run(String database, double evaluationSeconds, double openingRate, double reminderRate,
            String peakHeaps, double bytesPerCase) {
    }

    /** The daily evaluation on the first node, and every first reminder sent by whichever node takes its job. */
    private static Run run(NodeFixture cluster, List<DunningNode> nodes) {
        String label = nodes.size() == 1 ? "one node" : nodes.size() + " nodes";
        long sizeBefore = databaseBytes(cluster);
        long engineBefore = engineBytes(cluster);
        try (HeapPeaks heap = new HeapPeaks(nodes)) {
            long started = System.nanoTime();
            String report = nodes.get(0).post("/api/admin/evaluate", "application/json", "");
            double evaluationSeconds = seconds(started);
            long opened = cluster.count("SELECT count(*) FROM collection_case");
            assertThat(opened).as("cases the evaluation opened (%s)", report).isEqualTo(CASES);
            cluster.await("every first reminder", WORK, () -> cluster.gateway.deliveries() >= CASES,
                    () -> cluster.gateway.deliveries() + " SMS delivered");
            double remindedSeconds = seconds(started);
            cluster.await("the reminders recorded", Duration.ofMinutes(5),
                    () -> cluster.count("SELECT count(*) FROM notice_delivery WHERE status = 'sent'") >= CASES,
                    () -> cluster.count("SELECT count(*) FROM notice_delivery WHERE status = 'sent'") + " sent");
            assertThat(cluster.gateway.deliveries()).as("SMS the debtors got").isEqualTo(CASES);
            assertThat(cluster.gateway.repeatedRequests()).as("reminders handed over twice").isEmpty();

            long bytes = databaseBytes(cluster) - sizeBefore;
            figure(label, "evaluation %.1f s: %,d cases opened, %.0f cases/s", evaluationSeconds, opened,
                    opened / evaluationSeconds);
            Map<String, Long> phases = evaluationPhases(nodes.get(0));
            double openingSeconds = phases.get("opening") / 1000.0;
            figure(label, "evaluation phases: %s; opening alone %.0f cases/s", phases, opened / openingSeconds);
            figure(label, "first reminders: %,d in %.1f s from the evaluation's start, %.0f reminders/s", CASES,
                    remindedSeconds, CASES / remindedSeconds);
            List<String> peaks = new ArrayList<>();
            for (DunningNode node : nodes) {
                peaks.add(Long.toString(heap.peakMegabytes(node)));
                figure(label, "%s: %,d reminders sent, peak heap %d MB", node.name(),
                        cluster.gateway.requestsFrom(node.name()), heap.peakMegabytes(node));
            }
            figure(label, "database grew %,d MB: %.1f kB per case, of which the engine's tables %.1f kB",
                    bytes / 1_000_000, bytes / 1000.0 / CASES, (engineBytes(cluster) - engineBefore) / 1000.0 / CASES);
            return new Run(cluster.database, evaluationSeconds, opened / openingSeconds, CASES / remindedSeconds,
                    String.join("/", peaks), (double) bytes / CASES);
        }
    }

    private static final Pattern PHASE = Pattern.compile("(reconciling|plan choices|opening|reminders|debt picture) (\\d+) ms");

    /** The phases' milliseconds of the node's last evaluation, from its log line. */
    private static Map<String, Long> evaluationPhases(DunningNode node) {
        try {
            List<String> lines = Files.readAllLines(node.log());
            String line = null;
            for (int n = lines.size() - 1; n >= 0 && line == null; n--) {
                if (lines.get(n).contains("Evaluation of") && lines.get(n).contains("(reconciling")) {
                    line = lines.get(n);
                }
            }
            if (line == null) {
                throw new IllegalStateException(node.name() + " logged no evaluation");
            }
            Map<String, Long> phases = new java.util.LinkedHashMap<>();
            Matcher matcher = PHASE.matcher(line.substring(line.indexOf("(reconciling")));
            while (matcher.find()) {
                phases.put(matcher.group(1), Long.parseLong(matcher.group(2)));
            }
            return phases;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Plain(double startRate, double firstStepRate, long peakHeapMegabytes, double bytesPerInstance) {
    }

    /**
     * The same plan on the same database, started by plain Flowable in this JVM the usual way (one start per
     * transaction), with the reminder task doing nothing and the engine's own async executor running it.
     */
    private static Plain plainFlowable(String database) throws IOException {
        String diagram;
        try (InputStream in = ClusterLoadBenchmark.class.getResourceAsStream("/cluster/" + PLAN + ".bpmn20.xml")) {
            diagram = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("id=\"" + PLAN + "\"", "id=\"plain-reminders\"")
                    .replace("${plan.sendNotice(execution, 'first-reminder', 'sms')}", "${true}");
        }
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setJdbcUrl(database);
        configuration.setJdbcUsername(PostgresTestDatabase.user());
        configuration.setJdbcPassword("");
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcMaxActiveConnections(20);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistoryLevel(HistoryLevel.ACTIVITY);
        configuration.setAsyncExecutorActivate(true);
        configuration.setAsyncExecutorCorePoolSize(4);
        configuration.setAsyncExecutorMaxPoolSize(8);
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().name("plain-reminders")
                    .addString("plain-reminders.bpmn20.xml", diagram).deploy();
            long sizeBefore = databaseBytes(database);
            resetHeapPeaks();
            long started = System.nanoTime();
            for (int n = 0; n < CASES; n++) {
                engine.getRuntimeService().startProcessInstanceByKey("plain-reminders", UUID.randomUUID().toString(),
                        Map.of("customerId", "P" + n));
            }
            double startSeconds = seconds(started);
            long deadline = System.nanoTime() + WORK.toNanos();
            while (engine.getManagementService().createTimerJobQuery().processDefinitionKey("plain-reminders").count()
                    < CASES && System.nanoTime() < deadline) {
                sleep();
            }
            double stepSeconds = seconds(started);
            assertThat(engine.getManagementService().createTimerJobQuery().processDefinitionKey("plain-reminders")
                    .count()).as("plain instances waiting in their timer").isEqualTo(CASES);
            long bytes = databaseBytes(database) - sizeBefore;
            long peak = peakHeapMegabytes();
            figure("plain Flowable", "%,d starts in %.1f s, %.0f starts/s; first step done for all in %.1f s, %.0f/s;"
                    + " peak heap %d MB; %.1f kB per instance", CASES, startSeconds, CASES / startSeconds, stepSeconds,
                    CASES / stepSeconds, peak, bytes / 1000.0 / CASES);
            return new Plain(CASES / startSeconds, CASES / stepSeconds, peak, (double) bytes / CASES);
        } finally {
            engine.close();
        }
    }

    private static void writeRegistries(Path customers, Path invoices) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (BufferedWriter out = Files.newBufferedWriter(customers)) {
            out.write("customer_id,name,group,phone,locale\n");
            for (int n = 0; n < CUSTOMERS; n++) {
                out.write("L" + n + ",Load Customer " + n + ",individual,+7 902 " + String.format("%07d", n % 10_000_000)
                        + ",ru\n");
            }
        }
        // The first CASES customers spread over the rest so that overdue debtors are not one block of the table.
        int stride = Math.max(1, CUSTOMERS / Math.max(1, CASES));
        try (BufferedWriter out = Files.newBufferedWriter(invoices)) {
            out.write("invoice_id,customer_id,contract,service,issued_on,due_on,amount\n");
            for (int n = 0; n < CUSTOMERS; n++) {
                boolean overdue = n % stride == 0 && n / stride < CASES;
                for (int k = 0; k < INVOICES_PER_CUSTOMER; k++) {
                    LocalDate due = overdue && k == 0 ? today.minusDays(40) : today.plusDays(5 + k);
                    out.write("LI" + n + "-" + k + ",L" + n + ",K" + n + ",water," + due.minusDays(20) + "," + due
                            + "," + (150 + n % 850) + ".00\n");
                }
            }
        }
    }

    private static void timedImport(DunningNode node, String kind, Path file, long rows) {
        long started = System.nanoTime();
        String report = node.postFile("/api/imports/" + kind, "text/csv", file);
        double took = seconds(started);
        assertThat(report).contains("\"rejected\":0");
        figure("import", "%,d %s in %.1f s: %,.0f rows/s (%s)", rows, kind, took, rows / took, report);
    }

    private static String copyOf(String database) {
        String source = database.substring(database.lastIndexOf('/') + 1);
        String copy = source + "_copy";
        long started = System.nanoTime();
        try (Connection admin = PostgresTestDatabase.admin(); Statement sql = admin.createStatement()) {
            // the stopped node's server process may still be finishing a statement the node sent before it stopped
            // (a rewrite of the debt picture after the import); the copy must not wait for it or fail
            sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + source
                    + "' AND pid <> pg_backend_pid()");
            Thread.sleep(1000);
            sql.execute("CREATE DATABASE " + copy + " TEMPLATE " + source);
        } catch (Exception e) {
            throw new IllegalStateException("cannot copy " + source + ": " + e.getMessage(), e);
        }
        figure("ledger copy", "%s copied for the two-node run in %.1f s", source, seconds(started));
        return database.substring(0, database.lastIndexOf('/') + 1) + copy;
    }

    private static void drop(String database) {
        try (Connection admin = PostgresTestDatabase.admin(); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database.substring(database.lastIndexOf('/') + 1) + " WITH (FORCE)");
        } catch (Exception e) {
            figure("cleanup", "could not drop %s: %s", database, e.getMessage());
        }
    }

    private static long databaseBytes(NodeFixture cluster) {
        return cluster.count("SELECT pg_database_size(current_database())");
    }

    private static long databaseBytes(String database) {
        try (Connection connection = java.sql.DriverManager.getConnection(database, PostgresTestDatabase.user(), "");
                Statement sql = connection.createStatement();
                var rows = sql.executeQuery("SELECT pg_database_size(current_database())")) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long engineBytes(NodeFixture cluster) {
        return cluster.count("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                + " JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r'"
                + " AND c.relname LIKE 'act\\_%'");
    }

    /** Each node's heap in use, read from its metrics every second; the highest reading is its peak. */
    private static final class HeapPeaks implements AutoCloseable {
        private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");
        private final Map<String, Long> peaks = new ConcurrentHashMap<>();
        private final Thread sampler;

        HeapPeaks(List<DunningNode> nodes) {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (DunningNode node : nodes) {
                        try {
                            Matcher value = VALUE.matcher(node.get("/actuator/metrics/jvm.memory.used?tag=area:heap"));
                            if (value.find()) {
                                long megabytes = (long) (Double.parseDouble(value.group(1)) / 1_000_000);
                                peaks.merge(node.name(), megabytes, Math::max);
                            }
                        } catch (RuntimeException busyOrGone) {
                            // a busy node answers the next time
                        }
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-peaks");
            sampler.setDaemon(true);
            sampler.start();
        }

        long peakMegabytes(DunningNode node) {
            return peaks.getOrDefault(node.name(), -1L);
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }

    private static void resetHeapPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / 1_000_000;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void figure(String what, String format, Object... values) {
        System.out.println("BENCH " + what + ": " + String.format(format, values));
    }
}
