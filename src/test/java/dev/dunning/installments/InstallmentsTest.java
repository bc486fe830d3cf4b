package dev.dunning.installments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowable.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.Freezes;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.Debtors.Debtor;
import dev.dunning.support.DunningTest;

/**
 * Installment agreements through the API: proposed by a collector, accepted at once or approved by a manager, and
 * what their freezes do to the case as the payment dates come and go. The standard plan's minimum is 300.00.
 */
@DunningTest
class InstallmentsTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;
    @Autowired
    BusinessTime time;
    @Autowired
    Freezes freezes;
    @Autowired
    TaskService tasks;

    Api admin;
    Api collector;
    Api manager;
    LocalDate today;

    @BeforeEach
    void setUp() {
        admin = Api.as(rest, "admin");
        collector = Api.as(rest, "collector");
        manager = Api.as(rest, "manager");
        today = clock.today();
    }

    private Debtor debtorOwing(String amount) {
        return Debtors.withOpenCase(admin, "IN", Map.of(), amount, today);
    }

    private static Map<String, Object> proposal(String amount, int payments, LocalDate firstDueOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("amount", amount);
        body.put("payments", payments);
        body.put("firstDueOn", firstDueOn.toString());
        return body;
    }

    private static String installments(Debtor debtor) {
        return "/api/customers/" + debtor.customerId() + "/installments";
    }

    private Map<String, Object> propose(Api as, Debtor debtor, Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> response = as.postForResponse(installments(debtor), body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private String caseStatus(Debtor debtor) {
        return (String) Debtors.currentCase(admin, debtor.customerId()).get("status");
    }

    private List<Freeze> installmentFreezes(Debtor debtor) {
        return freezes.active(debtor.customerId()).stream().filter(freeze -> freeze.kind().equals("installment")).toList();
    }

    private List<String> timelineKinds(Debtor debtor) {
        return admin.list("/api/customers/" + debtor.customerId() + "/timeline").stream()
                .map(event -> (String) event.get("kind")).toList();
    }

    private Map<String, Object> timelineEntry(Debtor debtor, String kind) {
        return admin.list("/api/customers/" + debtor.customerId() + "/timeline").stream()
                .filter(event -> kind.equals(event.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " on the timeline of " + debtor.customerId()));
    }

    private List<Map<String, Object>> tasksOf(Api as, Debtor debtor) {
        return as.list("/api/tasks").stream().filter(task -> debtor.customerId().equals(task.get("customerId"))).toList();
    }

    private String approvalTask(Debtor debtor) {
        return tasksOf(manager, debtor).stream().filter(task -> "approveInstallment".equals(task.get("activityId")))
                .map(task -> (String) task.get("id")).findFirst()
                .orElseThrow(() -> new AssertionError("the manager has no approveInstallment task of " + debtor));
    }

    private ResponseEntity<Map<String, Object>> complete(Api as, String taskId, Map<String, Object> values) {
        return as.postForResponse("/api/tasks/" + taskId + "/complete", values);
    }

    /** Six monthly payments: beyond the standard three. */
    private Map<String, Object> proposeLong(Debtor debtor) {
        Map<String, Object> agreement = propose(collector, debtor, proposal("1000.00", 6, today.plusDays(7)));
        assertThat(agreement).containsEntry("status", "awaiting-approval");
        return agreement;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> scheduleOf(Map<String, Object> agreement) {
        return (List<Map<String, Object>>) agreement.get("schedule");
    }

    @Test
    void aProposalWithinTheStandardTermsIsAcceptedAtOnceAndFreezesEachPaymentUntilItsDate() {
        Debtor debtor = debtorOwing("1000.00");
        LocalDate first = today.plusDays(7);

        Map<String, Object> agreement = propose(collector, debtor, proposal("1000.00", 3, first));

        assertThat(agreement).containsEntry("status", "accepted").containsEntry("caseId", debtor.caseId())
                .containsEntry("decidedBy", "collector").containsKey("agreementId");
        assertThat(scheduleOf(agreement)).containsExactly(
                Map.of("number", 1, "dueOn", first.toString(), "amount", 333.33),
                Map.of("number", 2, "dueOn", first.plusMonths(1).toString(), "amount", 333.33),
                Map.of("number", 3, "dueOn", first.plusMonths(2).toString(), "amount", 333.34));
        assertThat(installmentFreezes(debtor)).extracting(Freeze::until, freeze -> freeze.amount().toPlainString())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(first, "333.33"),
                        org.assertj.core.groups.Tuple.tuple(first.plusMonths(1), "333.33"),
                        org.assertj.core.groups.Tuple.tuple(first.plusMonths(2), "333.34"));
        assertThat(caseStatus(debtor)).isEqualTo("suspended");
        assertThat(admin.get("/api/customers/" + debtor.customerId())).containsEntry("conditionalDebt", 0.0)
                .containsEntry("realDebt", 1000.0);
        assertThat(timelineKinds(debtor)).contains("installment-proposed", "installment-accepted", "case-suspended");
        assertThat(timelineEntry(debtor, "installment-proposed")).containsEntry("actor", "collector")
                .containsEntry("caseId", debtor.caseId());
        assertThat(collector.list(installments(debtor))).singleElement()
                .satisfies(listed -> assertThat(listed).containsEntry("agreementId", agreement.get("agreementId"))
                        .containsEntry("status", "accepted"));
    }

    @Test
    void aPaidInstallmentKeepsTheCaseWaitingAndAnUnpaidOneResumesItTheDayAfterItsDate() {
        Debtor paying = debtorOwing("1000.00");
        Debtor notPaying = debtorOwing("1000.00");
        LocalDate first = today.plusDays(3);
        propose(collector, paying, proposal("1000.00", 3, first));
        propose(collector, notPaying, proposal("1000.00", 3, first));

        Debtors.pay(admin, paying.customerId(), "333.33", today);
        assertThat(caseStatus(paying)).isEqualTo("suspended");
        time.moveTo(first.atTime(7, 0).atZone(clock.getZone()).toInstant());
        assertThat(caseStatus(notPaying)).as("the payment may still come on its date").isEqualTo("suspended");

        time.moveTo(first.plusDays(1).atTime(7, 0).atZone(clock.getZone()).toInstant());

        assertThat(caseStatus(paying)).isEqualTo("suspended");
        assertThat(caseStatus(notPaying)).isEqualTo("open");
        assertThat(admin.get("/api/customers/" + notPaying.customerId()))
                .as("only the missed payment is worked; the later ones stay frozen")
                .containsEntry("conditionalDebt", 333.33);
        assertThat(timelineKinds(notPaying)).contains("case-resumed");
    }

    @Test
    void aLongerProposalWaitsForAManagersApprovalInATaskCollectorsDoNotSee() {
        Debtor debtor = debtorOwing("1000.00");

        Map<String, Object> agreement = proposeLong(debtor);

        String taskId = approvalTask(debtor);
        assertThat(agreement).containsEntry("approvalTaskId", taskId).doesNotContainKey("decidedBy");
        assertThat(tasksOf(manager, debtor)).filteredOn(task -> taskId.equals(task.get("id"))).singleElement()
                .satisfies(task -> {
                    assertThat(task).containsEntry("caseId", debtor.caseId());
                    assertThat(((Map<?, ?>) task.get("form")).get("key")).isEqualTo("approve-installment");
                });
        assertThat(tasks.getVariablesLocal(taskId)).containsEntry("agreementId", agreement.get("agreementId"))
                .containsEntry("customerId", debtor.customerId()).containsEntry("caseId", debtor.caseId());
        assertThat(tasks.getIdentityLinksForTask(taskId)).anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("managers"));
        assertThat(tasksOf(collector, debtor)).extracting(task -> task.get("id")).doesNotContain(taskId);
        assertThat(installmentFreezes(debtor)).as("nothing is frozen before a manager approves").isEmpty();
        assertThat(caseStatus(debtor)).isEqualTo("open");
        assertThat(timelineKinds(debtor)).contains("installment-proposed", "installment-approval-requested")
                .doesNotContain("installment-accepted");
    }

    @Test
    void aManagersApprovalAcceptsTheAgreementAndFreezesItsSchedule() {
        Debtor debtor = debtorOwing("1000.00");
        Map<String, Object> proposed = proposeLong(debtor);
        String taskId = approvalTask(debtor);

        ResponseEntity<Map<String, Object>> completed = complete(manager, taskId,
                Map.of("decision", "approve", "note", "pays from his pension"));

        assertThat(completed.getStatusCode()).as("%s", completed.getBody()).isEqualTo(HttpStatus.OK);
        Map<String, Object> agreement = collector.get(installments(debtor) + "/" + proposed.get("agreementId"));
        assertThat(agreement).containsEntry("status", "accepted").containsEntry("decidedBy", "manager")
                .containsEntry("decisionNote", "pays from his pension");
        assertThat(installmentFreezes(debtor)).hasSize(6)
                .extracting(Freeze::until).containsExactlyInAnyOrderElementsOf(
                        scheduleOf(proposed).stream().map(payment -> LocalDate.parse((String) payment.get("dueOn"))).toList());
        assertThat(caseStatus(debtor)).isEqualTo("suspended");
        assertThat(timelineEntry(debtor, "installment-approved")).containsEntry("actor", "manager");
        assertThat(tasksOf(manager, debtor)).extracting(task -> task.get("id")).doesNotContain(taskId);
    }

    @Test
    void aManagersRejectionFreezesNothingAndTheCaseGoesOnAsBefore() {
        Debtor debtor = debtorOwing("1000.00");
        Map<String, Object> proposed = proposeLong(debtor);

        complete(manager, approvalTask(debtor), Map.of("decision", "reject", "note", "too long for this debt"));

        assertThat(collector.get(installments(debtor) + "/" + proposed.get("agreementId")))
                .containsEntry("status", "rejected").containsEntry("decidedBy", "manager");
        assertThat(installmentFreezes(debtor)).isEmpty();
        assertThat(caseStatus(debtor)).isEqualTo("open");
        assertThat(timelineEntry(debtor, "installment-rejected")).containsEntry("actor", "manager");
        assertThat(propose(collector, debtor, proposal("1000.00", 2, today.plusDays(7))))
                .as("a rejected agreement leaves room for another").containsEntry("status", "accepted");
    }

    @Test
    void aCollectorCannotDecideTheManagersTask() {
        Debtor debtor = debtorOwing("1000.00");
        Map<String, Object> proposed = proposeLong(debtor);
        String taskId = approvalTask(debtor);

        ResponseEntity<Map<String, Object>> attempt = complete(collector, taskId, Map.of("decision", "approve"));

        assertThat(attempt.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(collector.get(installments(debtor) + "/" + proposed.get("agreementId")))
                .containsEntry("status", "awaiting-approval");
        assertThat(installmentFreezes(debtor)).isEmpty();
    }

    @Test
    void aManagerApprovingLateFreezesOnlyThePaymentsStillAhead() {
        Debtor debtor = debtorOwing("1200.00");
        LocalDate first = today.plusDays(2);
        propose(collector, debtor, proposal("1200.00", 4, first));
        String taskId = approvalTask(debtor);
        time.moveTo(first.plusDays(1).atTime(7, 0).atZone(clock.getZone()).toInstant());

        complete(manager, taskId, Map.of("decision", "approve"));

        assertThat(installmentFreezes(debtor)).extracting(Freeze::until)
                .containsExactlyInAnyOrder(first.plusMonths(1), first.plusMonths(2), first.plusMonths(3));
        assertThat(admin.get("/api/customers/" + debtor.customerId()))
                .as("the first payment is simply due").containsEntry("conditionalDebt", 300.0);
        assertThat(caseStatus(debtor)).isEqualTo("open");
    }

    @Test
    void oneAgreementAtATime() {
        Debtor debtor = debtorOwing("1000.00");
        proposeLong(debtor);

        ResponseEntity<Map<String, Object>> second = collector.postForResponse(installments(debtor),
                proposal("500.00", 2, today.plusDays(3)));

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) second.getBody().get("detail")).contains("awaiting-approval");
        assertThat(collector.list(installments(debtor))).hasSize(1);
    }

    @Test
    void aCancelledAgreementFreesItsPaymentsAndTheCaseWorksTheDebtAgain() {
        Debtor debtor = debtorOwing("1000.00");
        Map<String, Object> agreement = propose(collector, debtor, proposal("1000.00", 3, today.plusDays(7)));
        String path = installments(debtor) + "/" + agreement.get("agreementId");

        assertThat(rest.withBasicAuth("collector", "collector").exchange(path, HttpMethod.DELETE, null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("manager", "manager").exchange(path, HttpMethod.DELETE, null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(collector.get(path)).containsEntry("status", "cancelled").containsEntry("cancelledBy", "manager");
        assertThat(installmentFreezes(debtor)).isEmpty();
        assertThat(caseStatus(debtor)).isEqualTo("open");
        assertThat(timelineEntry(debtor, "installment-cancelled")).containsEntry("actor", "manager");
    }

    @Test
    void cancellingAnAgreementAwaitingApprovalWithdrawsTheTask() {
        Debtor debtor = debtorOwing("1000.00");
        Map<String, Object> agreement = proposeLong(debtor);
        String taskId = approvalTask(debtor);

        rest.withBasicAuth("manager", "manager").exchange(installments(debtor) + "/" + agreement.get("agreementId"),
                HttpMethod.DELETE, null, String.class);

        assertThat(tasksOf(manager, debtor)).extracting(task -> task.get("id")).doesNotContain(taskId);
        assertThat(collector.list(installments(debtor))).singleElement()
                .satisfies(listed -> assertThat(listed).containsEntry("status", "cancelled"));
    }

    @Test
    void theScheduleIsWorkedOutWithoutStoringOrFreezingAnything() {
        Debtor debtor = debtorOwing("1000.00");
        Map<String, Object> body = proposal("1000.00", 6, today.plusDays(7));
        body.put("interval", "P14D");

        Map<String, Object> schedule = collector.post(installments(debtor) + "/schedule", body);

        assertThat(schedule).containsEntry("total", 1000.0).containsEntry("interval", "P14D")
                .containsEntry("withinStandardTerms", false);
        assertThat(scheduleOf(schedule)).extracting(payment -> payment.get("dueOn"))
                .containsExactly(today.plusDays(7).toString(), today.plusDays(21).toString(),
                        today.plusDays(35).toString(), today.plusDays(49).toString(), today.plusDays(63).toString(),
                        today.plusDays(77).toString());
        assertThat(collector.list(installments(debtor))).isEmpty();
        assertThat(installmentFreezes(debtor)).isEmpty();
        assertThat(caseStatus(debtor)).isEqualTo("open");
    }

    @Test
    void badInputAnswers400NamingEachField() {
        Debtor debtor = debtorOwing("1000.00");

        assertThat(errors(installments(debtor), proposal("1000.01", 3, today.plusDays(7))))
                .containsExactly(Map.of("field", "amount", "message", "must not be above the customer's real debt of 1000.00"));
        assertThat(errors(installments(debtor) + "/schedule", Map.of()))
                .extracting(error -> error.get("field")).containsExactly("amount", "payments", "firstDueOn");
        assertThat(errors(installments(debtor), Map.of("amount", "100.00", "payments", 2, "firstDueOn", "2026-02-30")))
                .containsExactly(Map.of("field", "firstDueOn", "message", "'2026-02-30' is not a date like 2026-03-31"));
        assertThat(errors(installments(debtor), Map.of("amount", "100.00", "payments", 2.5, "firstDueOn",
                today.toString()))).containsExactly(Map.of("field", "payments",
                        "message", "must be a whole number of payments, not 2.5"));
        assertThat(errors(installments(debtor), Map.of("amount", "a lot", "payments", 2, "firstDueOn", today.toString())))
                .containsExactly(Map.of("field", "amount", "message", "'a lot' is not an amount like 1250.50"));
        Map<String, Object> monthly = proposal("100.00", 2, today);
        monthly.put("interval", "monthly");
        assertThat(errors(installments(debtor), monthly))
                .containsExactly(Map.of("field", "interval", "message", "'monthly' is not a period like P1M or P14D"));
        Map<String, Object> otherCase = proposal("100.00", 2, today);
        otherCase.put("caseId", debtorOwing("500.00").caseId());
        assertThat(errors(installments(debtor), otherCase)).extracting(error -> error.get("field"))
                .containsExactly("caseId");

        assertThat(collector.list(installments(debtor))).isEmpty();
    }

    @Test
    void lawyersAndAnalystsMayNotPropose() {
        Debtor debtor = debtorOwing("1000.00");

        for (String user : List.of("lawyer", "analyst")) {
            assertThat(Api.as(rest, user).postForResponse(installments(debtor), proposal("1000.00", 3, today.plusDays(7)))
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(Api.as(rest, user).postForResponse(installments(debtor) + "/schedule",
                    proposal("1000.00", 3, today.plusDays(7))).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(Api.as(rest, "lawyer").list(installments(debtor))).as("a lawyer may see them").isEmpty();
        assertThat(Api.as(rest, "manager").postForResponse(installments(debtor),
                proposal("1000.00", 3, today.plusDays(7))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> errors(String path, Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> response = collector.postForResponse(path, body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return (List<Map<String, Object>>) response.getBody().get("errors");
    }
}
