package dev.dunning.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.Api;

/**
 * One customer's case on a shipped plan, driven through the REST API as the people do it, in business time.
 * Each case starts on a fresh morning (07:00 the next day), so that "today" and "30 minutes later" do not
 * depend on where earlier tests left the shared clock.
 */
final class PlanCase {

    final Api admin;
    final Api collector;
    final Api lawyer;
    final Api manager;
    final String customer;
    private final BusinessTime time;
    private final BusinessClock clock;

    private PlanCase(TestRestTemplate rest, BusinessTime time, BusinessClock clock, String group, String plan,
            boolean withAddress) {
        this.admin = Api.as(rest, "admin");
        this.collector = Api.as(rest, "collector");
        this.lawyer = Api.as(rest, "lawyer");
        this.manager = Api.as(rest, "manager");
        this.time = time;
        this.clock = clock;
        this.customer = "P-" + UUID.randomUUID().toString().substring(0, 8);
        if (!withAddress) {
            admin.importCsv("customers", """
                    customer_id,name,group,email,locale
                    %s,Test Debtor,%s,debtor-%s@example.org,en
                    """.formatted(customer, group, customer));
        } else {
            assertThat(admin.importCsv("customers", """
                    customer_id,name,group,plan,email,locale,address
                    %s,Test Debtor,%s,%s,debtor-%s@example.org,en,"1 Main Street, Flat 5, Springfield"
                    """.formatted(customer, group, plan == null ? "" : plan, customer))).containsEntry("accepted", 1);
        }
    }

    /** A customer of the group with {@code amount} overdue well past the plan's grace period, and their open case. */
    static PlanCase opened(TestRestTemplate rest, BusinessTime time, BusinessClock clock, String group, String amount) {
        return opened(rest, time, clock, group, null, amount);
    }

    /**
     * Like {@link #opened(TestRestTemplate, BusinessTime, BusinessClock, String, String)}, for a customer on their own
     * plan ({@code plan} in the customers CSV, null for the group's master plan) with a postal address.
     */
    static PlanCase opened(TestRestTemplate rest, BusinessTime time, BusinessClock clock, String group, String planKey,
            String amount) {
        time.moveTo(clock.today().plusDays(1).atTime(7, 0).atZone(clock.getZone()).toInstant());
        PlanCase plan = new PlanCase(rest, time, clock, group, planKey, planKey != null);
        plan.owe(amount, clock.today().minusDays(40));
        plan.admin.post("/api/admin/evaluate", Map.of());
        time.runDueNow();
        assertThat(plan.currentCase()).containsEntry("status", "open");
        return plan;
    }

    /**
     * A customer of the group with a postal address, owing nothing yet, on a fresh morning (07:00 the next day); on
     * their own plan ({@code plan} in the customers CSV) unless {@code planKey} is null.
     */
    static PlanCase customer(TestRestTemplate rest, BusinessTime time, BusinessClock clock, String group,
            String planKey) {
        time.moveTo(clock.today().plusDays(1).atTime(7, 0).atZone(clock.getZone()).toInstant());
        return new PlanCase(rest, time, clock, group, planKey, true);
    }

    /** Moves business time to that hour of a day, running what falls due (the 06:00 evaluation included). */
    void moveTo(LocalDate day, int hour) {
        time.moveTo(day.atTime(hour, 0).atZone(clock.getZone()).toInstant());
    }

    LocalDate today() {
        return clock.today();
    }

    void advance(Duration duration) {
        time.advance(duration);
    }

    /** Completes the task as that person, then lets the plan's steps that followed run. */
    void complete(Api who, Map<String, Object> task, Map<String, Object> values) {
        assertThat(task).as("the task to complete").isNotNull();
        who.post("/api/tasks/" + task.get("id") + "/complete", values);
        time.runDueNow();
    }

    ResponseEntity<Map<String, Object>> tryToComplete(Api who, Map<String, Object> task, Map<String, Object> values) {
        return who.postForResponse("/api/tasks/" + task.get("id") + "/complete", values);
    }

    /** The collector's call, answered with this outcome and values. */
    void call(String outcome, Object... moreValues) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("callOutcome", outcome));
        for (int i = 0; i < moreValues.length; i += 2) {
            values.put((String) moreValues[i], moreValues[i + 1]);
        }
        complete(collector, callTask(), values);
    }

    void owe(String amount, LocalDate dueOn) {
        Map<String, Object> report = admin.importCsv("invoices", """
                invoice_id,customer_id,due_on,amount
                %s,%s,%s,%s
                """.formatted(customer + "-" + UUID.randomUUID().toString().substring(0, 6), customer, dueOn, amount));
        assertThat(report).containsEntry("accepted", 1);
    }

    /** An invoice of one service (a provider's, where providers are worked separately). */
    void oweFor(String service, String amount, LocalDate dueOn) {
        Map<String, Object> report = admin.importCsv("invoices", """
                invoice_id,customer_id,service,due_on,amount
                %s,%s,%s,%s,%s
                """.formatted(customer + "-" + UUID.randomUUID().toString().substring(0, 6), customer, service, dueOn,
                amount));
        assertThat(report).containsEntry("accepted", 1);
    }

    /** A payment naming the provider it is for. */
    void payTo(String provider, String amount) {
        admin.post("/api/payments", Map.of("paymentId", customer + "-" + UUID.randomUUID().toString().substring(0, 6),
                "customerId", customer, "paidOn", clock.today().toString(), "amount", amount, "provider", provider));
        time.runDueNow();
    }

    void pay(String amount) {
        admin.post("/api/payments", Map.of("paymentId", customer + "-" + UUID.randomUUID().toString().substring(0, 6),
                "customerId", customer, "paidOn", clock.today().toString(), "amount", amount));
        time.runDueNow();
    }

    Map<String, Object> customerView() {
        return admin.get("/api/customers/" + customer);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> currentCase() {
        return (Map<String, Object>) customerView().get("case");
    }

    /** What is frozen of this kind today (dispute, promise, installment, unconfirmed). */
    @SuppressWarnings("unchecked")
    BigDecimal frozen(String kind) {
        return new BigDecimal(String.valueOf(((Map<String, Object>) customerView().get("frozen")).get(kind)));
    }

    List<String> noticeTemplates() {
        return admin.list("/api/notifications?customer=" + customer).stream()
                .filter(notice -> !"cancelled".equals(notice.get("status")))
                .map(notice -> (String) notice.get("template")).toList();
    }

    /** The notices queued for the customer that are not cancelled, oldest first. */
    List<Map<String, Object>> notices() {
        return admin.list("/api/notifications?customer=" + customer).stream()
                .filter(notice -> !"cancelled".equals(notice.get("status")))
                .sorted(java.util.Comparator.comparing(
                        (Map<String, Object> notice) -> java.time.Instant.parse((String) notice.get("createdAt"))))
                .toList();
    }

    List<Map<String, Object>> timeline() {
        return admin.list("/api/customers/" + customer + "/timeline");
    }

    /** The summaries of the timeline entries of this kind, oldest first. */
    List<String> timeline(String kind) {
        return timeline().stream().filter(event -> kind.equals(event.get("kind")))
                .map(event -> (String) event.get("summary")).toList();
    }

    Map<String, Object> callTask() {
        return taskOf(collector, "callDebtor");
    }

    Map<String, Object> legalTask() {
        return taskOf(lawyer, "handleLegalCase");
    }

    Map<String, Object> taskOf(Api who, String activityId) {
        return who.list("/api/tasks?limit=500").stream()
                .filter(task -> customer.equals(task.get("customerId")) && activityId.equals(task.get("activityId")))
                .findFirst().orElse(null);
    }

    /** From a fresh case to the lawyer: the collector records a refusal, the claim's 30 days pass. */
    void bringToTheLawyer(Duration untilTheCall) {
        advance(untilTheCall);
        call("refused");
        assertThat(currentCase()).containsEntry("stage", "pretrial");
        advance(Duration.ofDays(30));
        assertThat(currentCase()).containsEntry("stage", "legal");
        assertThat(legalTask()).isNotNull();
    }
}
