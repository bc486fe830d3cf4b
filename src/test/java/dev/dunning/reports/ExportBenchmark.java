package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.PostgresTest;

/**
 * Prints what exporting a large aging costs on PostgreSQL (the JVM has 512 MB in the bench profile, so a report
 * held in memory would show); run with {@code ./mvnw verify -Pbench -Dtest=ExportBenchmark}. Sizes:
 * {@code -Dbench.positions=300000}. Nothing here fails on speed: the figures are for people.
 */
@PostgresTest
@TestPropertySource(properties = {"flowable.async-executor-activate=false", "logging.level.dev.dunning=WARN"})
class ExportBenchmark {

    private static final int POSITIONS = Integer.getInteger("bench.positions", 300_000);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BusinessClock clock;
    @LocalServerPort
    int port;

    @Test
    void exportsALargeAgingAsCsvAndXlsx() throws Exception {
        String p = "BX" + UUID.randomUUID().toString().substring(0, 6) + "-";
        jdbc.update("""
                INSERT INTO customer (customer_id, name, group_name, building, updated_at)
                SELECT ? || n, 'Customer ' || n, 'individual', 'house ' || (n % 500), now()
                FROM generate_series(1, ?) n""", p, POSITIONS);
        jdbc.update("""
                INSERT INTO debt_position (customer_id, service, group_name, plan_key, building, as_of, balance,
                    real_debt, frozen, conditional_debt, not_due, overdue_1_30, overdue_31_60, overdue_61_90,
                    overdue_91_180, overdue_over_180, oldest_due_on, counted)
                SELECT ? || n, 'water', 'individual', 'individual-standard', 'house ' || (n % 500), ?, 1234.56,
                    1000.00, 0, 1000.00, 234.56, 1000.00, 0, 0, 0, 0, ?, true
                FROM generate_series(1, ?) n""", p, clock.today(), clock.today().minusDays(20), POSITIONS);
        jdbc.execute("ANALYZE debt_position");

        for (String format : new String[] {"csv", "xlsx", "csv", "xlsx"}) {
            Runtime runtime = Runtime.getRuntime();
            runtime.gc();
            long started = System.nanoTime();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/reports/aging." + format))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "manager:manager".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            try (InputStream body = response.body()) {
                bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
            System.out.printf("BENCH aging.%s: %,d positions (and the database's others), %,d bytes in %,d ms "
                    + "(%,.0f rows/s); heap used after: %,d MB of %,d MB%n", format, POSITIONS, bytes, millis,
                    POSITIONS * 1000.0 / Math.max(1, millis), (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                    runtime.maxMemory() >> 20);
        }
    }
}
