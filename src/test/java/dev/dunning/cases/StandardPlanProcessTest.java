package dev.dunning.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

/**
 * The standard plan for individuals run through weeks of business time: grace 5 days, minimum
 * 300.00, first reminder at once, second after 7 days, a call 5 days later, a pre-trial claim with
 * 30 days to answer, then a lawyer. Each outcome of the call and of the legal work has its own tests
 * ({@link CallOutcomesProcessTest}, {@link LegalOutcomesProcessTest}).
 */
@DunningTest
class StandardPlanProcessTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;

    Api admin;
    Api collector;
    Api lawyer;
    String customer;

    @BeforeEach
    void aCustomerOnTheStandardPlan() {
        admin = Api.as(rest, "admin");
        collector = Api.as(rest, "collector");
        lawyer = Api.as(rest, "lawyer");
        customer = "P-" + UUID.randomUUID().toString().substring(0, 8);
        admin.importCsv("customers", """
                customer_id,name,group,email,locale
                %s,Test Debtor,individual,debtor-%s@example.org,en
                """.formatted(customer, customer));
    }

    @Test
    void aDebtStillInItsGracePeriodOpensNoCaseAndOneJustPastItGetsAReminderAtTheNextMorningEvaluation() {
        LocalDate dueOn = clock.today().minusDays(3);
        owe("1000.00", dueOn);

        admin.post("/api/admin/evaluate", Map.of());
        assertThat(customerView()).doesNotContainKey("case");

        moveToMorningOf(dueOn.plusDays(5));
        assertThat(customerView()).as("five days overdue is still within the grace period").doesNotContainKey("case");

        moveToMorningOf(dueOn.plusDays(6));

        assertThat(currentCase()).containsEntry("status", "open").containsEntry("stage", "reminder")
                .containsEntry("plan", "individual-standard");
        assertThat(noticeTemplates()).containsExactly("first-reminder");
    }

    @Test
    void afterTwoRemindersACollectorIsAskedToCall() {
        openCase("1500.00");

        time.advance(Duration.ofDays(7));
        assertThat(noticeTemplates()).containsExactly("second-reminder", "first-reminder");
        assertThat(callTask()).isNull();

        time.advance(Duration.ofDays(5));
        assertThat(currentCase()).containsEntry("stage", "call");
        assertThat(callTask()).containsEntry("activityId", "callDebtor").containsEntry("customerId", customer);
    }

    @Test
    void aPromiseSuspendsTheCaseAndABrokenPromiseResumesItWithAPretrialClaim() {
        openCase("2000.00");
        time.advance(Duration.ofDays(12));
        String task = (String) callTask().get("id");

        LocalDate promisedOn = clock.today().plusDays(5);
        collector.post("/api/tasks/" + task + "/complete",
                Map.of("callOutcome", "promised", "promisedOn", promisedOn.toString()));

        assertThat(currentCase()).containsEntry("status", "suspended");
        assertThat(customerView()).containsEntry("conditionalDebt", 0.0);

        time.advance(Duration.ofDays(4));
        assertThat(currentCase()).containsEntry("status", "suspended");

        time.advance(Duration.ofDays(3));
        assertThat(currentCase()).containsEntry("status", "open").containsEntry("stage", "pretrial");
        assertThat(noticeTemplates()).first().isEqualTo("pretrial-claim");
    }

    @Test
    void aRefusalBringsAPretrialClaimAndThirtyDaysLaterALawyer() {
        openCase("5000.00");
        time.advance(Duration.ofDays(12));
        collector.post("/api/tasks/" + callTask().get("id") + "/complete", Map.of("callOutcome", "refused"));

        assertThat(currentCase()).containsEntry("stage", "pretrial");
        assertThat(noticeTemplates()).first().isEqualTo("pretrial-claim");

        time.advance(Duration.ofDays(30));
        assertThat(currentCase()).containsEntry("stage", "legal");
        Map<String, Object> legalTask = taskOf(lawyer, "handleLegalCase");
        assertThat(legalTask).isNotNull();
        assertThat(taskOf(collector, "handleLegalCase")).as("collectors do not see lawyers' tasks").isNull();
    }

    @Test
    void paymentInFullAtTheCallStageSettlesTheCaseThanksTheDebtorAndClearsTheInbox() {
        openCase("1200.00");
        time.advance(Duration.ofDays(12));
        assertThat(callTask()).isNotNull();

        pay("1200.00");

        assertThat(currentCase()).containsEntry("status", "settled");
        assertThat(noticeTemplates()).first().isEqualTo("thank-you");
        assertThat(callTask()).isNull();
        time.advance(Duration.ofDays(40));
        assertThat(noticeTemplates()).first().isEqualTo("thank-you");
    }

    @Test
    void paymentInFullDuringThePretrialWaitSettlesTheCase() {
        openCase("3000.00");
        time.advance(Duration.ofDays(12));
        collector.post("/api/tasks/" + callTask().get("id") + "/complete", Map.of("callOutcome", "refused"));
        time.advance(Duration.ofDays(10));

        pay("3000.00");

        assertThat(currentCase()).containsEntry("status", "settled");
        time.advance(Duration.ofDays(30));
        assertThat(taskOf(lawyer, "handleLegalCase")).isNull();
    }

    @Test
    void aPartialPaymentShowsInTheNextNotice() {
        openCase("1000.00");

        pay("400.00");
        time.advance(Duration.ofDays(7));

        List<Map<String, Object>> notices = admin.list("/api/notifications?customer=" + customer);
        assertThat(notices.get(0)).containsEntry("template", "second-reminder");
        assertThat((String) notices.get(0).get("body")).contains("600.00");
        assertThat(currentCase()).containsEntry("status", "open");
    }

    @Test
    void aPaymentThatLeavesLessThanTheMinimumSuspendsTheCaseUntilDebtGrowsAgain() {
        openCase("1000.00");

        pay("900.00");
        assertThat(currentCase()).containsEntry("status", "suspended");

        owe("700.00", clock.today().minusDays(10));
        assertThat(currentCase()).containsEntry("status", "open");
    }

    @Test
    void aCustomersOwnPlanOverridesTheMasterPlanOfTheirGroup() {
        admin.importCsv("customers", """
                customer_id,name,group,plan
                %s,Test Debtor,individual,business-standard
                """.formatted(customer));
        owe("5000.00", clock.today().minusDays(8));
        admin.post("/api/admin/evaluate", Map.of());
        assertThat(customerView()).as("8 days overdue is within the business plan's 10 days of grace")
                .doesNotContainKey("case");

        moveToMorningOf(clock.today().plusDays(3));

        assertThat(currentCase()).containsEntry("plan", "business-standard").containsEntry("status", "open");
    }

    /** 07:00 on that day, an hour after the daily evaluation. */
    private void moveToMorningOf(LocalDate day) {
        time.moveTo(day.atTime(7, 0).atZone(clock.getZone()).toInstant());
    }

    private void openCase(String amount) {
        owe(amount, clock.today().minusDays(10));
        admin.post("/api/admin/evaluate", Map.of());
        assertThat(currentCase()).containsEntry("status", "open");
    }

    private void owe(String amount, LocalDate dueOn) {
        Map<String, Object> report = admin.importCsv("invoices", """
                invoice_id,customer_id,due_on,amount
                %s,%s,%s,%s
                """.formatted(customer + "-" + UUID.randomUUID().toString().substring(0, 6), customer, dueOn, amount));
        assertThat(report).containsEntry("accepted", 1);
    }

    private void pay(String amount) {
        admin.post("/api/payments", Map.of("paymentId", customer + "-" + UUID.randomUUID().toString().substring(0, 6),
                "customerId", customer, "paidOn", clock.today().toString(), "amount", amount));
    }

    private Map<String, Object> customerView() {
        return admin.get("/api/customers/" + customer);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> currentCase() {
        return (Map<String, Object>) customerView().get("case");
    }

    private List<String> noticeTemplates() {
        return admin.list("/api/notifications?customer=" + customer).stream()
                .filter(notice -> !"cancelled".equals(notice.get("status")))
                .map(notice -> (String) notice.get("template")).toList();
    }

    private Map<String, Object> callTask() {
        return taskOf(collector, "callDebtor");
    }

    private Map<String, Object> taskOf(Api who, String activityId) {
        return who.list("/api/tasks?limit=500").stream()
                .filter(task -> customer.equals(task.get("customerId")) && activityId.equals(task.get("activityId")))
                .findFirst().orElse(null);
    }
}
