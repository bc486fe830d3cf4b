package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.cases.Evaluation;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.support.PostgresTest;

/**
 * Prints what previewing and migrating many running cases costs on PostgreSQL; run with
 * {@code ./mvnw verify -Pbench -Dtest=PlanMigrationBenchmark}. Nothing here fails on speed.
 * Sizes: {@code -Dbench.migration.cases=5000}.
 */
@PostgresTest
@TestPropertySource(properties = {"flowable.async-executor-activate=false", "logging.level.dev.dunning=WARN"})
class PlanMigrationBenchmark {

    private static final int CASES = Integer.getInteger("bench.migration.cases", 5_000);

    @Autowired
    PlanCatalog catalog;
    @Autowired
    PlanMigrations migrations;
    @Autowired
    RegistryImport imports;
    @Autowired
    Evaluation evaluation;
    @Autowired
    BusinessClock clock;
    @Autowired
    PlanGroups groups;

    @Test
    void previewAndMigrateManyCasesWaitingInATimer() {
        String key = TestPlans.freshKey("bench-migrate");
        TestPlans.deploy(catalog, key, TestPlans.versionOne(key));
        String group = TestPlans.freshGroup(groups, key, java.util.List.of());
        LocalDate due = clock.today().minusDays(40);
        StringBuilder customers = new StringBuilder("customer_id,name,group\n");
        StringBuilder invoices = new StringBuilder("invoice_id,customer_id,due_on,amount\n");
        String prefix = "B" + UUID.randomUUID().toString().substring(0, 6) + "-";
        for (int i = 0; i < CASES; i++) {
            customers.append(prefix).append(i).append(",Debtor ").append(i).append(',').append(group).append('\n');
            invoices.append(prefix).append(i).append("-1,").append(prefix).append(i).append(',').append(due)
                    .append(",1000.00\n");
        }
        imports.importCsv(RegistryKind.CUSTOMERS, new ByteArrayInputStream(customers.toString().getBytes(StandardCharsets.UTF_8)));
        imports.importCsv(RegistryKind.INVOICES, new ByteArrayInputStream(invoices.toString().getBytes(StandardCharsets.UTF_8)));
        long started = System.nanoTime();
        evaluation.evaluate();
        figure("open cases", "%,d in %.1f s", CASES, seconds(started));
        TestPlans.deploy(catalog, key, TestPlans.versionTwo(key));

        MigrationRequest request = new MigrationRequest(1, 2, null, null);
        started = System.nanoTime();
        PlanMigrations.Preview preview = migrations.preview(key, request);
        double previewSeconds = seconds(started);
        assertThat(preview.summary().migratable()).isEqualTo(CASES);
        figure("preview", "%,d cases in %.1f s (%.0f cases/s)", CASES, previewSeconds, CASES / previewSeconds);

        started = System.nanoTime();
        PlanMigrations.Progress result = migrations.apply(key, request, "analyst");
        double applySeconds = seconds(started);
        assertThat(result.migrated()).isEqualTo(CASES);
        figure("migrate", "%,d cases in %.1f s (%.0f cases/s, preview included)", CASES, applySeconds,
                CASES / applySeconds);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void figure(String what, String format, Object... values) {
        System.out.printf("BENCH %-12s %s%n", what, String.format(format, values));
    }
}
