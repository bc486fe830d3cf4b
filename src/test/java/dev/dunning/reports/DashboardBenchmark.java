package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.support.PostgresTest;

/**
 * Prints what the managers' dashboard costs on a large ledger on PostgreSQL; run with
 * {@code ./mvnw verify -Pbench -Dtest=DashboardBenchmark}. The aim is under a second per dashboard, warm; nothing
 * here fails on speed: the figures are for people. The ledger is {@link LargeLedger}'s; sizes:
 * {@code -Dbench.customers=1000000 -Dbench.invoices-per-customer=5 -Dbench.buildings=3000}.
 */
@PostgresTest
@TestPropertySource(properties = {"flowable.async-executor-activate=false", "logging.level.dev.dunning=WARN"})
class DashboardBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000_000);
    private static final int INVOICES_PER_CUSTOMER = Integer.getInteger("bench.invoices-per-customer", 5);
    private static final int BUILDINGS = Integer.getInteger("bench.buildings", 3_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 7);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DebtPositions positions;
    @Autowired
    Dashboard dashboard;
    @Autowired
    BusinessClock clock;
    @LocalServerPort
    int port;

    @Test
    void theDashboardOfAMillionCustomers() throws Exception {
        long started = System.nanoTime();
        new LargeLedger(jdbc, CUSTOMERS, INVOICES_PER_CUSTOMER, BUILDINGS).generate(clock.today(), clock.now(),
                (what, figure) -> figure("ledger " + what, figure));
        figure("ledger", "%,d customers, %,d invoices in %.1f s", CUSTOMERS, CUSTOMERS * INVOICES_PER_CUSTOMER,
                seconds(started));

        started = System.nanoTime();
        positions.refreshAll();
        figure("refreshAll", "%.1f s (positions %,d ms, charged and collected days %,d ms); %,d positions",
                seconds(started), positions.lastRun("positions").orElseThrow().millis(),
                positions.lastRun("collections").orElseThrow().millis(),
                jdbc.queryForObject("SELECT COUNT(*) FROM debt_position", Long.class));
        jdbc.execute("ANALYZE debt_position");
        jdbc.execute("ANALYZE debt_day");
        jdbc.execute("ANALYZE collection_day");

        DashboardFigures all = measure("unfiltered", PictureFilter.ALL);
        DashboardFigures group = measure("group business", new PictureFilter("business", null, null, null));
        DashboardFigures building = measure("building bld-42", new PictureFilter(null, null, "bld-42", null));
        DashboardFigures service = measure("service water", new PictureFilter(null, null, null, "water"));
        measure("plan + service", new PictureFilter(null, "individual-standard", null, "heating"));
        started = System.nanoTime();
        Dashboard.FilterChoices choices = dashboard.choices();
        figure("choices", "%d groups, %d plans, %,d buildings, %d services in %.0f ms", choices.groups().size(),
                choices.plans().size(), choices.buildings().size(), choices.services().size(),
                seconds(started) * 1000);

        print("unfiltered", all);
        print("group business", group);
        print("building bld-42", building);
        print("service water", service);
        assertThat(all.debt().customers()).isPositive();
        assertThat(group.debt().realDebt()).isLessThan(all.debt().realDebt());
        assertThat(building.casesByStage()).isNotEmpty();

        exportTheWholeAging("csv");
        exportTheWholeAging("xlsx");
    }

    /** The full aging of every customer, streamed through the page's export; the bench JVM has 512 MB of heap. */
    private void exportTheWholeAging(String format) throws Exception {
        Runtime runtime = Runtime.getRuntime();
        runtime.gc();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/reports/aging." + format))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "manager:manager".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        long lines = 0;
        try (InputStream body = response.body()) {
            if (format.equals("csv")) {
                var reader = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8));
                String line;
                long total = 0;
                while ((line = reader.readLine()) != null) {
                    lines++;
                    total += line.length() + 1;
                }
                bytes = total;
            } else {
                bytes = body.transferTo(OutputStream.nullOutputStream());
            }
        }
        assertThat(response.statusCode()).isEqualTo(200);
        long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        figure("export aging." + format, "%,d bytes%s in %.1f s; heap pools' peak %,d MB of %,d MB", bytes,
                format.equals("csv") ? " (" + String.format("%,d", lines) + " lines)" : "", seconds(started),
                peak >> 20, runtime.maxMemory() >> 20);
    }

    private DashboardFigures measure(String what, PictureFilter filter) {
        Supplier<DashboardFigures> run = () -> dashboard.figures(filter);
        long first = System.nanoTime();
        DashboardFigures figures = run.get(); // warm-up; the first after refreshAll also sums the collection months
        double firstMillis = seconds(first) * 1000;
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            figures = run.get();
            millis.add(seconds(started) * 1000);
        }
        Collections.sort(millis);
        figure("dashboard " + what, "median %.0f ms, max %.0f ms, min %.0f ms over %d warm runs (first %.0f ms)",
                millis.get(millis.size() / 2), millis.get(millis.size() - 1), millis.get(0), RUNS, firstMillis);
        LocalDate today = clock.today();
        part(what, "positions", () -> dashboard.positionSums(filter));
        part(what, "collection rate", () -> dashboard.collectionRate(filter, today));
        part(what, "cases by stage", () -> dashboard.casesByStage(filter));
        part(what, "promises", () -> dashboard.promises(filter, today));
        part(what, "notices", () -> dashboard.notices(filter, today));
        part(what, "workload", () -> dashboard.workload(filter));
        return figures;
    }

    /** One part's median over the runs, to see where the time goes. */
    private void part(String what, String part, Supplier<?> query) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            query.get();
            millis.add(seconds(started) * 1000);
        }
        Collections.sort(millis);
        figure("  part " + part, "median %.0f ms", millis.get(millis.size() / 2));
    }

    private static void print(String what, DashboardFigures figures) {
        figure("figures " + what, "debt %s", figures.debt());
        figure("figures " + what, "aging %s", figures.aging());
        figure("figures " + what, "collection rate %s", figures.collectionRate().subList(
                figures.collectionRate().size() - 3, figures.collectionRate().size()));
        figure("figures " + what, "cases %s", figures.casesByStage());
        figure("figures " + what, "promises %s", figures.promises());
        figure("figures " + what, "notices %s", figures.notices());
        figure("figures " + what, "workload %d rows, first %s", figures.workload().size(),
                figures.workload().isEmpty() ? "-" : figures.workload().get(0));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void figure(String what, String format, Object... values) {
        System.out.printf("BENCH %-28s %s%n", what, String.format(format, values));
    }
}
