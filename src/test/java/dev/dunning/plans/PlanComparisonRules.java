package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;

/**
 * The champion/challenger report on a scenario computed by hand: two plans of a new group (the champion its master
 * plan, the challenger allowed and given to some customers), cases
 * opened on one day, partial and full payments on later days, one reminder per case, some calls.
 * Run on H2 by {@link PlanComparisonTest} and on PostgreSQL by {@link PlanComparisonPostgresTest}.
 */
abstract class PlanComparisonRules {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanCatalog catalog;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    PlanComparison comparison;
    @Autowired
    PlanGroups groups;

    private String group;

    @Test
    void eachArmShowsItsCollectionRateDaysToPayAndNoticesAndCallsPerThousandCollected() {
        Api admin = Api.as(rest, "admin");
        Api collector = Api.as(rest, "collector");
        String champion = TestPlans.freshKey("champion");
        String challenger = TestPlans.freshKey("challenger");
        TestPlans.deploy(catalog, champion, TestPlans.remindThenCall(champion));
        TestPlans.deploy(catalog, challenger, TestPlans.remindThenCall(challenger));
        group = TestPlans.freshGroup(groups, champion, List.of(challenger));
        time.moveTo(clock.today().plusDays(1).atTime(7, 0).atZone(clock.getZone()).toInstant());
        day0 = clock.today();

        String a1 = customer(admin, champion, "1000.00");
        String a2 = customer(admin, champion, "500.00");
        String a3 = customer(admin, champion, "300.00");
        String b1 = customer(admin, challenger, "800.00");
        String b2 = customer(admin, challenger, "400.00");
        String b3 = customer(admin, challenger, "600.00");
        String b4 = customer(admin, challenger, "150.00");
        Debtors.owe(admin, a2, "300.00", day0.plusDays(20)); // not due yet: not part of the debt at opening
        admin.post("/api/admin/evaluate", Map.of());
        time.runDueNow();
        time.advance(Duration.ofHours(2)); // 09:00: the reminders may go out, the calls follow
        for (String customer : List.of(a1, a2, a3, b1, b2, b3, b4)) {
            assertThat(Debtors.currentCase(admin, customer)).containsEntry("status", "open");
            assertThat(admin.list("/api/notifications?customer=" + customer)).singleElement()
                    .satisfies(notice -> assertThat(notice).containsEntry("status", "sent"));
        }
        call(collector, a2, "no-money");
        call(collector, a3, "no-money");
        call(collector, b3, "no-answer");
        time.runDueNow();

        day(1);
        pay(admin, b1, "800.00");
        day(2);
        pay(admin, a2, "200.00");
        pay(admin, b3, "100.00");
        day(3);
        pay(admin, b2, "400.00");
        day(4);
        pay(admin, a1, "1000.00");
        day(5);
        pay(admin, a2, "450.00"); // 650 in all against 500 at opening: the case counts 500
        day(8);
        pay(admin, b4, "150.00");
        assertThat(Debtors.currentCase(admin, a2)).containsEntry("status", "settled");

        PlanComparison.Report report = comparison.compare(group, champion, challenger, day0, day0);
        // Champion: 1000 + 500 + 300 owed; 1000 + min(650, 500) + 0 collected; settled after 4 and 5 days.
        assertThat(report.champion()).isEqualTo(new PlanComparison.Arm(champion, 3, 0, money("1800.00"),
                money("1500.00"), new BigDecimal("83.3"), 2, new BigDecimal("4.5"), new BigDecimal("4.5"), 3, 2,
                new BigDecimal("2.00"), new BigDecimal("1.33")));
        // Challenger: 800 + 400 + 600 + 150 owed; 800 + 400 + 100 + 150 collected; settled after 1, 3 and 8 days.
        assertThat(report.challenger()).isEqualTo(new PlanComparison.Arm(challenger, 4, 0, money("1950.00"),
                money("1450.00"), new BigDecimal("74.4"), 3, new BigDecimal("3.0"), new BigDecimal("4.0"), 4, 1,
                new BigDecimal("2.76"), new BigDecimal("0.69")));

        assertThat(comparison.compare("business", champion, challenger, day0, day0).champion().cases())
                .as("another group's customers are not in the arms").isZero();
        assertThat(comparison.compare(group, champion, challenger, day0.plusDays(1), day0.plusDays(9))
                .challenger().cases()).as("cases opened outside the period are left out").isZero();

        String csv = rest.withBasicAuth("manager", "manager").getForObject("/api/plans/experiments/report.csv?group=" + group
                + "&champion=" + champion + "&challenger=" + challenger + "&from=" + day0 + "&to=" + day0, String.class);
        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv.lines().toList().get(1)).startsWith("champion," + champion + "," + group + ",")
                .contains(",1800.00,1500.00,83.3,2,4.5,4.5,3,2,2.00,1.33");
    }

    private String customer(Api admin, String plan, String amount) {
        String customer = "X-" + UUID.randomUUID().toString().substring(0, 8);
        admin.importCsv("customers", """
                customer_id,name,group,email,locale,plan
                %s,Test Debtor,%s,%s@example.org,en,%s
                """.formatted(customer, group, customer.toLowerCase(), plan));
        Debtors.owe(admin, customer, amount, clock.today().minusDays(40));
        return customer;
    }

    private void call(Api collector, String customer, String outcome) {
        Map<String, Object> task = collector.list("/api/tasks?limit=500").stream()
                .filter(found -> customer.equals(found.get("customerId")) && "callDebtor".equals(found.get("activityId")))
                .findFirst().orElseThrow(() -> new AssertionError("no call task for " + customer));
        collector.post("/api/tasks/" + task.get("id") + "/complete", Map.of("callOutcome", outcome));
    }

    private LocalDate day0;

    /** 10:00 on that day after the cases opened. */
    private void day(int day) {
        time.moveTo(day0.plusDays(day).atTime(10, 0).atZone(clock.getZone()).toInstant());
    }

    private void pay(Api admin, String customer, String amount) {
        Debtors.pay(admin, customer, amount, clock.today());
        time.runDueNow();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
