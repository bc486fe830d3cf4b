package dev.dunning.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The dunning.* metrics move when what they count happens, as the application's registry sees them; the gauges'
 * grouped queries run on both databases ({@link DunningMetricsTest}, {@link DunningMetricsPostgresTest}).
 */
abstract class DunningMetrics {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;
    @Autowired
    MeterRegistry registry;

    private double counter(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double openCasesInReminder() {
        // Reading one gauge of the family reads the counts and brings the gauges of new combinations.
        registry.get("dunning.cases.active").tags("status", "open", "stage", "none").gauge().value();
        Gauge gauge = registry.find("dunning.cases.active").tags("status", "open", "stage", "reminder").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private long evaluations() {
        Timer timer = registry.find("dunning.evaluation").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void openingACaseCountsItOnItsPlanAmongTheOpenCasesAndTimesTheEvaluation() {
        // other tests' debtors in the shared database get their cases first, so that ours is the only one opened next
        Api.as(rest, "admin").post("/api/admin/evaluate", Map.of());
        double opened = counter("dunning.cases.opened", "plan", "individual-standard");
        double inReminder = openCasesInReminder();
        long evaluations = evaluations();

        Debtors.withOpenCase(Api.as(rest, "admin"), "metrics", Map.of(), "900.00", clock.today());

        assertThat(counter("dunning.cases.opened", "plan", "individual-standard")).isEqualTo(opened + 1);
        assertThat(openCasesInReminder()).isEqualTo(inReminder + 1);
        assertThat(evaluations()).isEqualTo(evaluations + 1);
    }

    @Test
    void aCaseWhoseDebtIsPaidCountsAsSettledAndLeavesTheOpenCases() {
        Api admin = Api.as(rest, "admin");
        Debtors.Debtor debtor = Debtors.withOpenCase(admin, "metrics", Map.of(), "900.00", clock.today());
        double settled = counter("dunning.cases.ended", "plan", "individual-standard", "how", "settled");
        double inReminder = openCasesInReminder();

        Debtors.pay(admin, debtor.customerId(), "900.00", clock.today());
        admin.post("/api/admin/evaluate", Map.of());

        assertThat(Debtors.currentCase(admin, debtor.customerId())).containsEntry("status", "settled");
        assertThat(counter("dunning.cases.ended", "plan", "individual-standard", "how", "settled"))
                .isEqualTo(settled + 1);
        assertThat(openCasesInReminder()).isEqualTo(inReminder - 1);
    }

    @Test
    void importedRowsAreCountedAsAcceptedUnchangedAndRejected() {
        Api admin = Api.as(rest, "admin");
        double accepted = counter("dunning.imports.rows", "registry", "customers", "result", "accepted");
        double unchanged = counter("dunning.imports.rows", "registry", "customers", "result", "unchanged");
        double rejected = counter("dunning.imports.rows", "registry", "customers", "result", "rejected");
        String id = "rows-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String csv = "customer_id,name,group\n" + id + ",Anna Rows,individual\n" + id + "-bad,,individual\n";

        admin.importCsv("customers", csv);
        admin.importCsv("customers", csv);

        assertThat(counter("dunning.imports.rows", "registry", "customers", "result", "accepted")).isEqualTo(accepted + 1);
        assertThat(counter("dunning.imports.rows", "registry", "customers", "result", "unchanged")).isEqualTo(unchanged + 1);
        assertThat(counter("dunning.imports.rows", "registry", "customers", "result", "rejected")).isEqualTo(rejected + 2);
    }
}
