package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;

/**
 * Migrating running cases between plan versions, through the REST API in business time: the preview says where
 * each case lands and refuses cases left in an activity the target lacks; applying moves cases, their version,
 * timeline and the audit; timers and call tasks go on in the new version; the inbox still shows the calls.
 * Run on H2 by {@link PlanMigrationTest} and on PostgreSQL by {@link PlanMigrationPostgresTest}.
 */
abstract class PlanMigrationRules {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanCatalog catalog;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlanGroups groups;

    Api admin;
    Api analyst;
    Api collector;
    String key;
    String group;

    @BeforeEach
    void planOnVersionOne() {
        admin = Api.as(rest, "admin");
        analyst = Api.as(rest, "analyst");
        collector = Api.as(rest, "collector");
        key = TestPlans.freshKey("migrate");
        TestPlans.deploy(catalog, key, TestPlans.versionOne(key));
        group = TestPlans.freshGroup(groups, key, List.of());
        time.moveTo(clock.today().plusDays(1).atTime(7, 0).atZone(clock.getZone()).toInstant());
    }

    @Test
    void casesInATimerAndInACallGoOnInTheNewVersionAndTheCallStaysInTheInbox() {
        String inCall = openCase();
        time.advance(Duration.ofDays(3).plusHours(1));
        assertThat(callTask(inCall)).as("the call task on version 1").isNotNull();
        String inTimer = openCase();
        TestPlans.deploy(catalog, key, TestPlans.versionTwo(key));
        time.advance(Duration.ofHours(2));
        java.time.Instant dueBefore = timerDue(inTimer);

        Map<String, Object> preview = analyst.post(path("/preview"), Map.of("fromVersion", 1, "toVersion", 2));
        assertThat(summary(preview)).containsEntry("cases", 2).containsEntry("migratable", 2).containsEntry("refused", 0);
        assertThat(row(preview, caseOf(inTimer)).get("moves"))
                .isEqualTo(List.of(Map.of("from", "waitBeforeCall", "to", "waitBeforeCall")));
        assertThat(row(preview, caseOf(inCall)).get("moves"))
                .isEqualTo(List.of(Map.of("from", "callDebtor", "to", "callDebtor")));

        Map<String, Object> result = analyst.post(path(""), Map.of("fromVersion", 1, "toVersion", 2));
        assertThat(result).containsEntry("status", "finished").containsEntry("total", 2)
                .containsEntry("migrated", 2).containsEntry("failed", 0);
        assertThat(Debtors.currentCase(admin, inTimer)).containsEntry("planVersion", 2);
        assertThat(Debtors.currentCase(admin, inCall)).containsEntry("planVersion", 2);
        assertThat(callTask(inCall)).as("the call task is still in the collector's inbox").isNotNull();
        assertThat(timerDue(inTimer)).as("the wait already served counts: the timer keeps its due date")
                .isEqualTo(dueBefore);

        time.advance(Duration.ofDays(3).plusHours(1));
        assertThat(noticeTemplates(inTimer)).as("version 2's added reminder after the timer").contains("first-reminder");
        assertThat(callTask(inTimer)).as("the call after the new reminder").isNotNull();

        collector.post("/api/tasks/" + callTask(inCall).get("id") + "/complete", Map.of("callOutcome", "refused"));
        time.runDueNow();
        assertThat(noticeTemplates(inCall)).as("version 2's notice after the call").contains("second-reminder");
        assertThat(callTask(inCall)).isNull();
        assertThat(waitingIn(inCall)).containsExactly("waitForAnswer");
    }

    @Test
    void aCaseInAnActivityTheTargetLacksIsRefusedInThePreviewAndNothingIsMigratedUntilItIsMapped() {
        String waitingAfterCall = openCase();
        String alsoAfterCall = openCase();
        time.advance(Duration.ofDays(3).plusHours(1));
        collector.post("/api/tasks/" + callTask(waitingAfterCall).get("id") + "/complete", Map.of("callOutcome", "no-money"));
        collector.post("/api/tasks/" + callTask(alsoAfterCall).get("id") + "/complete", Map.of("callOutcome", "no-money"));
        time.runDueNow();
        String stillInTimer = openCase();
        TestPlans.deploy(catalog, key, TestPlans.versionTwo(key));

        Map<String, Object> preview = analyst.post(path("/preview"), Map.of("fromVersion", 1, "toVersion", 2));
        assertThat(summary(preview)).containsEntry("cases", 3).containsEntry("migratable", 1).containsEntry("refused", 2);
        Map<String, Object> refused = row(preview, caseOf(waitingAfterCall));
        assertThat(refused).containsEntry("migratable", false);
        assertThat(refused.get("reasons").toString()).contains("waitAfterCall").contains("does not exist in version 2");
        assertThat(row(preview, caseOf(stillInTimer))).containsEntry("migratable", true);

        ResponseEntity<Map<String, Object>> refusal = analyst.postForResponse(path(""),
                Map.of("fromVersion", 1, "toVersion", 2));
        assertThat(refusal.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refusal.getBody().get("problems").toString()).contains(caseOf(waitingAfterCall));
        assertThat(Debtors.currentCase(admin, waitingAfterCall)).containsEntry("planVersion", 1);
        assertThat(Debtors.currentCase(admin, stillInTimer)).as("nothing migrated").containsEntry("planVersion", 1);

        Map<String, Object> mapped = Map.of("fromVersion", 1, "toVersion", 2,
                "mappings", Map.of("waitAfterCall", "waitForAnswer"));
        Map<String, Object> mappedPreview = analyst.post(path("/preview"), mapped);
        assertThat(summary(mappedPreview)).containsEntry("migratable", 3).containsEntry("refused", 0);
        assertThat(row(mappedPreview, caseOf(waitingAfterCall)).get("moves"))
                .isEqualTo(List.of(Map.of("from", "waitAfterCall", "to", "waitForAnswer")));
        Map<String, Object> result = analyst.post(path(""), mapped);
        assertThat(result).containsEntry("migrated", 3).containsEntry("failed", 0);
        assertThat(waitingIn(waitingAfterCall)).containsExactly("waitForAnswer");

        time.advance(Duration.ofDays(5).plusHours(1));
        assertThat(waitingIn(waitingAfterCall)).as("the mapped timer fires in the new version").isEmpty();
        assertThat(Debtors.currentCase(admin, waitingAfterCall)).containsEntry("status", "closed");
    }

    @Test
    void onlyTheListedCasesMoveAndEachHasItsTimelineEntryAndTheMigrationOneAuditEntry() {
        String moved = openCase();
        String stays = openCase();
        TestPlans.deploy(catalog, key, TestPlans.versionTwo(key));
        String movedCase = caseOf(moved);
        String unknown = UUID.randomUUID().toString();

        Map<String, Object> preview = analyst.post(path("/preview"),
                Map.of("fromVersion", 1, "toVersion", 2, "caseIds", List.of(movedCase, unknown)));
        assertThat(summary(preview)).containsEntry("cases", 2).containsEntry("migratable", 1);
        assertThat(row(preview, unknown).get("reasons")).isEqualTo(List.of("no such case"));

        Map<String, Object> result = analyst.post(path(""), Map.of("fromVersion", 1, "toVersion", 2,
                "caseIds", List.of(movedCase)));
        assertThat(result).containsEntry("migrated", 1);
        assertThat(Debtors.currentCase(admin, moved)).containsEntry("planVersion", 2);
        assertThat(Debtors.currentCase(admin, stays)).containsEntry("planVersion", 1);

        List<Map<String, Object>> entries = admin.list("/api/customers/" + moved + "/timeline").stream()
                .filter(event -> "case-migrated".equals(event.get("kind"))).toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("actor", "analyst");
        assertThat((String) entries.get(0).get("summary")).contains(key + " v1 -> v2").contains("waitBeforeCall");
        assertThat(admin.list("/api/customers/" + stays + "/timeline"))
                .noneMatch(event -> "case-migrated".equals(event.get("kind")));

        String migrationId = (String) result.get("migrationId");
        List<Map<String, Object>> audit = jdbc.sql("""
                SELECT actor, summary FROM timeline_event
                 WHERE kind = 'plan-cases-migrated' AND customer_id IS NULL AND summary LIKE :id""")
                .param("id", "%" + migrationId + "%").query().listOfRows();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor")).isEqualTo("analyst");
        assertThat(admin.get(path("/" + migrationId))).containsEntry("status", "finished")
                .containsEntry("migrated", 1).containsEntry("requestedBy", "analyst");
    }

    @Test
    void aSuspendedCaseIsMigratedAndStaysSuspendedUntilItsDebtIsWorkedAgain() {
        String disputed = openCase();
        admin.post("/api/customers/" + disputed + "/freezes", Map.of("kind", "dispute", "amount", "1000.00",
                "reason", "says the meter was wrong"));
        admin.post("/api/admin/evaluate", Map.of());
        time.runDueNow();
        assertThat(Debtors.currentCase(admin, disputed)).containsEntry("status", "suspended");
        TestPlans.deploy(catalog, key, TestPlans.versionTwo(key));

        Map<String, Object> result = analyst.post(path(""), Map.of("fromVersion", 1, "toVersion", 2));
        assertThat(result).containsEntry("migrated", 1).containsEntry("failed", 0);
        assertThat(Debtors.currentCase(admin, disputed)).containsEntry("status", "suspended").containsEntry("planVersion", 2);
        assertThat(waitingIn(disputed)).containsExactly("waitBeforeCall");
        assertThat(jdbc.sql("""
                SELECT e.SUSPENSION_STATE_ FROM ACT_RU_EXECUTION e JOIN collection_case c ON c.process_instance_id = e.ID_
                 WHERE c.customer_id = :customer""").param("customer", disputed).query(Integer.class).single())
                .as("the process is still suspended in the engine").isEqualTo(2);
    }

    @Test
    void versionsOrMappingsThatDoNotExistAreNamedInTheError() {
        openCase();
        TestPlans.deploy(catalog, key, TestPlans.versionTwo(key));
        ResponseEntity<Map<String, Object>> noVersion = analyst.postForResponse(path("/preview"),
                Map.of("fromVersion", 1, "toVersion", 7));
        assertThat(noVersion.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(noVersion.getBody().get("problems").toString()).contains("toVersion").contains("no version 7");

        ResponseEntity<Map<String, Object>> badMapping = analyst.postForResponse(path("/preview"),
                Map.of("fromVersion", 1, "toVersion", 2, "mappings", Map.of("waitAfterCall", "nowhere")));
        assertThat(badMapping.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(badMapping.getBody().get("problems").toString())
                .contains("mappings.waitAfterCall").contains("no activity 'nowhere'");

        assertThat(analyst.postForResponse("/api/plans/" + key + "-none/migrations/preview",
                Map.of("fromVersion", 1, "toVersion", 2)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String path(String rest) {
        return "/api/plans/" + key + "/migrations" + rest;
    }

    /** A customer of the test group (on the test plan) with a debt well past its grace period, and their case (opened now). */
    private String openCase() {
        String customer = "M-" + UUID.randomUUID().toString().substring(0, 8);
        admin.importCsv("customers", """
                customer_id,name,group,email,locale
                %s,Test Debtor,%s,%s@example.org,en
                """.formatted(customer, group, customer.toLowerCase()));
        Debtors.owe(admin, customer, "1000.00", clock.today().minusDays(40));
        admin.post("/api/admin/evaluate", Map.of());
        time.runDueNow();
        assertThat(Debtors.currentCase(admin, customer)).containsEntry("status", "open").containsEntry("plan", key);
        return customer;
    }

    private String caseOf(String customer) {
        return (String) Debtors.currentCase(admin, customer).get("id");
    }

    private Map<String, Object> callTask(String customer) {
        return collector.list("/api/tasks?limit=500").stream()
                .filter(task -> customer.equals(task.get("customerId")) && "callDebtor".equals(task.get("activityId")))
                .findFirst().orElse(null);
    }

    private List<String> noticeTemplates(String customer) {
        return admin.list("/api/notifications?customer=" + customer).stream()
                .map(notice -> (String) notice.get("template")).toList();
    }

    private java.time.Instant timerDue(String customer) {
        return jdbc.sql("""
                SELECT t.DUEDATE_ FROM ACT_RU_TIMER_JOB t JOIN collection_case c ON c.process_instance_id = t.PROCESS_INSTANCE_ID_
                 WHERE c.customer_id = :customer""")
                .param("customer", customer).query(java.sql.Timestamp.class).single().toInstant();
    }

    private List<String> waitingIn(String customer) {
        return jdbc.sql("""
                SELECT e.ACT_ID_ FROM ACT_RU_EXECUTION e JOIN collection_case c ON c.process_instance_id = e.PROC_INST_ID_
                 WHERE c.customer_id = :customer AND e.PARENT_ID_ IS NOT NULL AND e.ACT_ID_ IS NOT NULL
                   AND e.ACT_ID_ <> 'debtPaidReceived'
                   AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXECUTION x WHERE x.PARENT_ID_ = e.ID_)""")
                .param("customer", customer).query(String.class).list();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Map<String, Object> preview) {
        return (Map<String, Object>) preview.get("summary");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> preview, String caseId) {
        return ((List<Map<String, Object>>) preview.get("cases")).stream()
                .filter(row -> caseId.equals(row.get("caseId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for case " + caseId + " in " + preview));
    }
}
