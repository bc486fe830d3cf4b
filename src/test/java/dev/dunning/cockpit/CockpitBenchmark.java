package dev.dunning.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.cases.Evaluation;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanGroupEdit;
import dev.dunning.plans.PlanGroups;
import dev.dunning.support.PostgresTest;

/**
 * Prints what the cockpit's pages cost with many running cases on PostgreSQL; run with
 * {@code ./mvnw verify -Pbench -Dtest=CockpitBenchmark}. Nothing here fails on speed. The async executor is off, so
 * every case waits at the plan's first (async) step. Size: {@code -Dbench.cockpit.cases=20000}.
 */
@PostgresTest
@Import(FlakyBilling.class)
@TestPropertySource(properties = {"flowable.async-executor-activate=false", "logging.level.dev.dunning=WARN"})
class CockpitBenchmark {

    private static final int CASES = Integer.getInteger("bench.cockpit.cases", 20_000);
    private static final int RUNS = 5;

    @Autowired
    PlanCatalog catalog;
    @Autowired
    PlanGroups groups;
    @Autowired
    RegistryImport imports;
    @Autowired
    Evaluation evaluation;
    @Autowired
    BusinessClock clock;
    @Autowired
    PlanMonitor monitor;
    @Autowired
    CaseInspector inspector;
    @Autowired
    FailedJobs failedJobs;

    @Test
    void thePlanPagesAndTheSearchWithManyRunningCases() {
        String key = "bench-cockpit-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.deploy(key + ".bpmn20.xml", CockpitPlans.plan(key).getBytes(StandardCharsets.UTF_8), "analyst");
        String group = "group-" + UUID.randomUUID().toString().substring(0, 8);
        groups.save(group, new PlanGroupEdit(key, "none", null, null, null, List.of()), "analyst");
        LocalDate due = clock.today().minusDays(40);
        StringBuilder customers = new StringBuilder("customer_id,name,group\n");
        StringBuilder invoices = new StringBuilder("invoice_id,customer_id,due_on,amount\n");
        String prefix = "K" + UUID.randomUUID().toString().substring(0, 6) + "-";
        for (int i = 0; i < CASES; i++) {
            customers.append(prefix).append(i).append(",Debtor ").append(i).append(',').append(group).append('\n');
            invoices.append(prefix).append(i).append("-1,").append(prefix).append(i).append(',').append(due)
                    .append(",1000.00\n");
        }
        imports.importCsv(RegistryKind.CUSTOMERS, new ByteArrayInputStream(customers.toString().getBytes(StandardCharsets.UTF_8)));
        imports.importCsv(RegistryKind.INVOICES, new ByteArrayInputStream(invoices.toString().getBytes(StandardCharsets.UTF_8)));
        long started = System.nanoTime();
        evaluation.evaluate();
        figure("open cases", "%,d in %.1f s", CASES, (System.nanoTime() - started) / 1e9);

        PlanMonitor.VersionPicture picture = time("plan version", () -> monitor.version(key, null));
        assertThat(picture.waiting()).extracting(PlanMonitor.ActivityCount::count).containsExactly((long) CASES);
        List<PlanMonitor.PlanOverview> plans = time("plans", monitor::plans);
        assertThat(plans).filteredOn(plan -> plan.key().equals(key)).extracting(PlanMonitor.PlanOverview::runningCases)
                .containsExactly((long) CASES);
        List<CaseInspector.FoundCase> found = time("search name", () -> inspector.search("debtor 1234" , 50));
        assertThat(found).isNotEmpty();
        time("search id", () -> inspector.search(prefix + "77", 50));
        time("case view", () -> inspector.inspect(found.get(0).caseId()));
        time("failed jobs", () -> failedJobs.list(100));
    }

    /** The mean of a few runs after one to warm up. */
    private static <T> T time(String what, Supplier<T> work) {
        T result = work.get();
        long started = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            result = work.get();
        }
        figure(what, "%.1f ms with %,d running cases", (System.nanoTime() - started) / 1e6 / RUNS, CASES);
        return result;
    }

    private static void figure(String what, String format, Object... values) {
        System.out.printf("BENCH %-12s %s%n", what, String.format(format, values));
    }
}
