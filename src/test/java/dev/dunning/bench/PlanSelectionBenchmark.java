package dev.dunning.bench;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.plans.PlanGroupEdit;
import dev.dunning.plans.PlanGroups;
import dev.dunning.plans.PlanSelection;
import dev.dunning.support.PostgresTest;

/**
 * Prints what the plan choice costs at the start of each evaluation on PostgreSQL; run with
 * {@code ./mvnw verify -Pbench -Dtest=PlanSelectionBenchmark}. Nothing here fails on speed.
 * <p>
 * A group of {@code -Dbench.customers=1000000} customers split 30% onto a challenger: the first refresh computes
 * every customer's bucket and choice, the next one finds nothing to change. A second group of
 * {@code -Dbench.debtors=20000} debtors has a decision table, run once per debtor.
 */
@PostgresTest
@TestPropertySource(properties = {"flowable.async-executor-activate=false", "logging.level.dev.dunning=WARN"})
class PlanSelectionBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000_000);
    private static final int DEBTORS = Integer.getInteger("bench.debtors", 20_000);
    private static final String NOT_IN_WORK = "1 = 0";

    @Autowired
    PlanGroups groups;
    @Autowired
    PlanSelection selection;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    dev.dunning.clock.BusinessClock clock;

    @Test
    void refreshThePlanChoiceOfAMillionCustomers() {
        groups.save("bench-split", new PlanGroupEdit("individual-standard", null, null, "business-standard", 30,
                List.of("business-standard")), "bench");
        groups.save("bench-decision", new PlanGroupEdit("individual-standard", null, null, null, null,
                List.of("business-standard")), "bench");
        long started = System.nanoTime();
        jdbc.update("""
                INSERT INTO customer (customer_id, name, group_name, updated_at)
                SELECT 'S' || lpad(n::text, 8, '0'), 'Customer ' || n, 'bench-split', now()
                FROM generate_series(1, ?) n""", CUSTOMERS);
        jdbc.update("""
                INSERT INTO customer (customer_id, name, group_name, updated_at)
                SELECT 'D' || lpad(n::text, 8, '0'), 'Debtor ' || n, 'bench-decision', now()
                FROM generate_series(1, ?) n""", DEBTORS);
        jdbc.update("""
                INSERT INTO invoice (invoice_id, customer_id, service, due_on, amount, currency, imported_at)
                SELECT 'DI' || lpad(n::text, 8, '0'), 'D' || lpad(n::text, 8, '0'), 'water', CAST(? AS DATE),
                       CASE WHEN n % 10 = 0 THEN 150000 ELSE 5000 END, 'RUB', now()
                FROM generate_series(1, ?) n""", clock.today().minusDays(40), DEBTORS);
        jdbc.execute("ANALYZE");
        figure("data", "%,d customers in a split group, %,d debtors in a decision group loaded in %,d ms", CUSTOMERS,
                DEBTORS, millis(started));

        started = System.nanoTime();
        int first = selection.refresh(NOT_IN_WORK);
        figure("first refresh", "%,d choices changed in %,d ms (buckets computed for every customer)", first,
                millis(started));
        Integer challengers = jdbc.queryForObject(
                "SELECT COUNT(*) FROM customer WHERE group_name = 'bench-split' AND chosen_plan = 'business-standard'",
                Integer.class);
        figure("split", "%.2f%% of the split group on the challenger (30%% asked)", 100.0 * challengers / CUSTOMERS);

        started = System.nanoTime();
        int second = selection.refresh(NOT_IN_WORK);
        figure("next refresh", "%,d choices changed in %,d ms", second, millis(started));

        groups.save("bench-decision", new PlanGroupEdit("individual-standard", null, "individual-plan-choice", null,
                null, List.of("business-standard")), "bench");
        started = System.nanoTime();
        int decided = selection.refresh(NOT_IN_WORK);
        long decisionMillis = millis(started);
        figure("decision", "%,d debtors decided (%,d moved to the stricter plan) in %,d ms, with the split group's"
                + " unchanged refresh", DEBTORS, decided, decisionMillis);
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void figure(String what, String format, Object... args) {
        System.out.println("[bench] " + what + ": " + String.format(Locale.ROOT, format, args));
    }
}
