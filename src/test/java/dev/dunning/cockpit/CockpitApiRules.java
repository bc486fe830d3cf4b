package dev.dunning.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanGroups;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/**
 * What an admin reads and does in the cockpit, through its JSON API: where a plan's cases wait and where its jobs
 * failed, the failed jobs with their retry once the cause is fixed, case search and the case view, and suspending,
 * resuming and cancelling a case, each with a reason on the timeline. Run on H2 by {@link CockpitApiTest} and on
 * PostgreSQL by {@link CockpitApiPostgresTest}.
 */
abstract class CockpitApiRules {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanCatalog catalog;
    @Autowired
    PlanGroups groups;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    FlakyBilling billing;
    @Autowired
    RuntimeService runtime;
    @Autowired
    Timeline timeline;

    Api admin;
    CockpitPlans plan;

    @BeforeEach
    void freshPlan() {
        admin = Api.as(rest, "admin");
        plan = new CockpitPlans(catalog, groups, time, clock, billing, admin);
    }

    @Test
    void aPlanVersionCountsTheCasesWaitingAtEachActivityAndItsFailedJobs() {
        plan.openCase("Ivan Waiting");
        plan.openCase("Olga Waiting");
        plan.openCaseWithFailedStep("Petr Failing");

        Map<String, Object> picture = admin.get("/api/admin/cockpit/plans/" + plan.key);
        assertThat(picture).containsEntry("version", 1).containsEntry("runningCases", 3);
        assertThat(counts(picture, "waiting")).containsEntry("callDebtor", 2).containsEntry("checkBilling", 1);
        assertThat(counts(picture, "failed")).containsExactlyEntriesOf(Map.of("checkBilling", 1));

        Map<String, Object> overview = admin.list("/api/admin/cockpit/plans").stream()
                .filter(row -> plan.key.equals(row.get("key"))).findFirst().orElseThrow();
        assertThat(overview).containsEntry("runningCases", 3).containsEntry("failedJobs", 1)
                .containsEntry("versions", 1).containsEntry("name", "Cockpit test plan");
    }

    @Test
    void aStepThatFailedOnEveryRetryIsListedAndRetriedOnceItsCauseIsFixedAndTheCaseMovesOn() {
        String customer = plan.openCaseWithFailedStep("Maria Failing");
        String caseId = CockpitPlans.caseOf(admin, customer);

        Map<String, Object> failed = failedJobOf(caseId);
        assertThat(failed).containsEntry("customerId", customer).containsEntry("customerName", "Maria Failing")
                .containsEntry("activityId", "checkBilling").containsEntry("planKey", plan.key);
        assertThat((String) failed.get("message")).as("the engine's message names the step").contains("checkBilling");
        assertThat(failed).as("the innermost cause says what went wrong")
                .containsEntry("cause", "java.lang.IllegalStateException: " + FlakyBilling.DOWN);
        String jobId = (String) failed.get("jobId");
        ResponseEntity<String> trace = rest.withBasicAuth("admin", "admin")
                .getForEntity("/api/admin/cockpit/failed-jobs/" + jobId + "/stacktrace", String.class);
        assertThat(trace.getBody()).contains("IllegalStateException").contains(FlakyBilling.DOWN);
        assertThat(currentActivities(caseId)).containsExactly("checkBilling");

        billing.backFor(customer);
        admin.post("/api/admin/cockpit/failed-jobs/" + jobId + "/retry", Map.of("retries", 1));
        time.runDueNow();

        assertThat(failedJobOf(caseId)).as("no longer failed").isNull();
        assertThat(currentActivities(caseId)).containsExactly("callDebtor");
        assertThat(Debtors.currentCase(admin, customer)).containsEntry("stage", "call");
        TimelineEvent retried = lastOf(customer, "failed-job-retried");
        assertThat(retried.actor()).isEqualTo("admin");
        assertThat(retried.caseId()).isEqualTo(caseId);
        assertThat(retried.summary()).contains(jobId).contains("checkBilling");
    }

    @Test
    void retryingAJobThatIsNotFailedOrWithTooManyAttemptsIsRefusedAndSaysWhy() {
        ResponseEntity<Map<String, Object>> unknown = admin.postForResponse(
                "/api/admin/cockpit/failed-jobs/no-such-job/retry", Map.of());
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("detail").toString()).contains("no-such-job");

        String customer = plan.openCaseWithFailedStep("Too Many");
        String jobId = (String) failedJobOf(CockpitPlans.caseOf(admin, customer)).get("jobId");
        ResponseEntity<Map<String, Object>> tooMany = admin.postForResponse(
                "/api/admin/cockpit/failed-jobs/" + jobId + "/retry", Map.of("retries", 50));
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.getBody().get("detail").toString()).contains("retries").contains("50");
    }

    @Test
    void casesAreFoundByTheCustomersIdOrAPartOfTheNameAndTheCaseViewShowsWhereItWaitsAndWhatHappened() {
        String customer = plan.openCase("Svetlana Searchable-" + plan.key);
        String caseId = CockpitPlans.caseOf(admin, customer);

        assertThat(admin.list("/api/admin/cockpit/cases?q=" + customer)).extracting(row -> row.get("caseId"))
                .containsExactly(caseId);
        assertThat(admin.list("/api/admin/cockpit/cases?q=searchable-" + plan.key.toUpperCase()))
                .extracting(row -> row.get("customerId")).containsExactly(customer);
        assertThat(admin.list("/api/admin/cockpit/cases?q=_")).as("a typed _ is no wildcard").isEmpty();

        Map<String, Object> detail = admin.get("/api/admin/cockpit/cases/" + caseId);
        assertThat(detail).containsEntry("customerName", "Svetlana Searchable-" + plan.key)
                .containsEntry("running", true).containsEntry("suspended", false);
        assertThat(detail.get("currentActivities")).isEqualTo(List.of("callDebtor"));
        assertThat(names(detail, "variables")).contains("customerId");
        assertThat(names(detail, "steps")).containsSubsequence("caseOpened", "checkBilling", "callDebtor");
        assertThat(rows(detail, "timeline")).extracting(row -> row.get("kind")).contains("case-opened");
    }

    @Test
    void anAdminSuspendsAHeldCaseThatTheDebtDoesNotResumeThenResumesAndCancelsItEachWithAReason() {
        String customer = plan.openCase("Held Case");
        String caseId = CockpitPlans.caseOf(admin, customer);
        String process = (String) admin.get("/api/cases/" + caseId).get("processInstanceId");

        assertThat(callsOf(customer)).as("the call waits in the collectors' inbox").hasSize(1);
        Map<String, Object> suspended = admin.post("/api/admin/cases/" + caseId + "/suspend",
                Map.of("reason", "customer disputes by phone"));
        assertThat(suspended).containsEntry("status", "suspended");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(process).singleResult().isSuspended()).isTrue();
        assertThat(callsOf(customer)).as("a suspended case's call is out of the inbox").isEmpty();
        admin.post("/api/admin/evaluate", Map.of());
        assertThat(Debtors.currentCase(admin, customer)).as("the debt does not resume a case an admin holds")
                .containsEntry("status", "suspended");
        assertThat(admin.postForResponse("/api/admin/cases/" + caseId + "/suspend", Map.of("reason", "again"))
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        assertThat(admin.post("/api/admin/cases/" + caseId + "/resume", Map.of("reason", "dispute settled")))
                .containsEntry("status", "open");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(process).singleResult().isSuspended()).isFalse();
        assertThat(callsOf(customer)).as("back in the inbox").hasSize(1);

        Map<String, Object> cancelled = admin.post("/api/admin/cases/" + caseId + "/cancel",
                Map.of("reason", "sold to an agency"));
        assertThat(cancelled).containsEntry("status", "closed");
        assertThat(cancelled.get("endedAt")).isNotNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(process).count()).as("the plan ended").isZero();
        assertThat(callsOf(customer)).as("the cancelled case's call is gone").isEmpty();
        Map<String, Object> ended = admin.get("/api/admin/cockpit/cases/" + caseId);
        assertThat(ended).containsEntry("running", false).containsEntry("currentActivities", List.of());
        assertThat(names(ended, "variables")).as("kept in the history").contains("customerId");
        assertThat(names(ended, "steps")).contains("callDebtor");
        ResponseEntity<String> page = rest.withBasicAuth("admin", "admin")
                .getForEntity("/admin/cockpit/cases/" + caseId, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("case cancelled and closed: sold to an agency").doesNotContain("cancel-form");
        assertThat(admin.postForResponse("/api/admin/cases/" + caseId + "/cancel", Map.of("reason", "twice"))
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        admin.post("/api/admin/evaluate", Map.of());
        assertThat(Debtors.currentCase(admin, customer)).as("the same debt opens no new case after a cancel")
                .containsEntry("id", caseId).containsEntry("status", "closed");

        assertThat(timeline.of(customer)).filteredOn(event -> event.kind().endsWith("-by-admin"))
                .extracting(TimelineEvent::kind, TimelineEvent::actor, TimelineEvent::summary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("case-suspended-by-admin", "admin",
                                "case suspended: customer disputes by phone"),
                        org.assertj.core.groups.Tuple.tuple("case-resumed-by-admin", "admin",
                                "case resumed: dispute settled"),
                        org.assertj.core.groups.Tuple.tuple("case-cancelled-by-admin", "admin",
                                "case cancelled and closed: sold to an agency"));
    }

    @Test
    void aManualActionWithoutAReasonIsRefusedWith422AndChangesNothing() {
        String customer = plan.openCase("No Reason");
        String caseId = CockpitPlans.caseOf(admin, customer);

        for (Object body : List.of(Map.of(), Map.of("reason", "   "))) {
            ResponseEntity<Map<String, Object>> refused = admin.postForResponse(
                    "/api/admin/cases/" + caseId + "/cancel", body);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(refused.getBody().get("detail").toString()).contains("reason");
            assertThat(refused.getBody().get("errors").toString()).contains("field=reason");
        }
        assertThat(Debtors.currentCase(admin, customer)).containsEntry("status", "open");
        assertThat(admin.postForResponse("/api/admin/cases/no-such-case/suspend", Map.of("reason", "x"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void onlyAdminsReachTheCockpit() {
        Api manager = Api.as(rest, "manager");
        assertThat(manager.getForResponse("/api/admin/cockpit/plans").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        String caseId = CockpitPlans.caseOf(admin, plan.openCase("Not Yours"));
        assertThat(manager.postForResponse("/api/admin/cases/" + caseId + "/cancel", Map.of("reason", "mine"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/admin/cockpit", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private List<Map<String, Object>> callsOf(String customer) {
        return rows(Api.as(rest, "collector").get("/api/tasks/page?customer=" + customer), "tasks");
    }

    private Map<String, Object> failedJobOf(String caseId) {
        return admin.list("/api/admin/cockpit/failed-jobs").stream().filter(job -> caseId.equals(job.get("caseId")))
                .findFirst().orElse(null);
    }

    private List<String> currentActivities(String caseId) {
        @SuppressWarnings("unchecked")
        List<String> current = (List<String>) admin.get("/api/admin/cockpit/cases/" + caseId).get("currentActivities");
        return current;
    }

    private TimelineEvent lastOf(String customer, String kind) {
        List<TimelineEvent> events = timeline.latest(customer, kind, 1);
        assertThat(events).as(kind + " on the timeline").isNotEmpty();
        return events.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> body, String field) {
        return (List<Map<String, Object>>) body.get(field);
    }

    private static List<Object> names(Map<String, Object> detail, String field) {
        return rows(detail, field).stream()
                .map(row -> row.containsKey("name") ? row.get("name") : row.get("activityId")).toList();
    }

    private static Map<String, Integer> counts(Map<String, Object> picture, String field) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        rows(picture, field).forEach(row -> counts.put((String) row.get("activityId"), (Integer) row.get("count")));
        return counts;
    }
}
