package dev.dunning.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import dev.dunning.support.DunningTest;

/** The shipped individual plan run in the sandbox: what it sends, who works what, and that nothing real changes. */
@DunningTest
class PlanSimulationTest {

    private static final String PLAN = "individual-standard";

    @Autowired
    PlanSimulations simulations;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BusinessTime time;

    @Autowired
    BusinessClock clock;

    private static SimulationRequest synthetic(int customers, SimulationRequest.Behaviour behaviour, long seed) {
        return new SimulationRequest(null, null,
                new SimulationRequest.Sample("synthetic", customers, "individual", new BigDecimal("1000.00"),
                        new BigDecimal("5000.00"), 80, 90, 30, 100),
                behaviour, 120, seed, Map.of("collectors", 2, "lawyers", 1, "managers", 1));
    }

    private static SimulationRequest.Behaviour behaviour(Map<String, Integer> payAfter, Map<String, Integer> calls,
            int promiseKept, Map<String, Integer> legal) {
        return new SimulationRequest.Behaviour(payAfter, 5, calls, promiseKept, 7, 50, 14, legal, 80, null, null);
    }

    @Test
    void debtorsWhoNeverPayAllReachThePretrialClaimWithExactlyTheNoticesThePlanSends() {
        SimulationResult result = simulations.simulate(PLAN, synthetic(200,
                behaviour(Map.of(), Map.of("refused", 1), 0, Map.of("filed-to-court", 1)), 7));

        assertThat(result.casesOpened()).isEqualTo(200);
        assertThat(result.stagesReached()).containsEntry("reminder", 200).containsEntry("call", 200)
                .containsEntry("pretrial", 200).containsEntry("legal", 200);
        // two reminders, then after the refused call the claim by email (with the PDF) and by post
        assertThat(result.noticesByTemplate()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "first-reminder", 200L, "second-reminder", 200L, "pretrial-claim", 400L));
        assertThat(result.noticesByChannel()).containsEntry("letter", 200L);
        assertThat(result.tasksByStep()).containsEntry("callDebtor", 200L);
        assertThat(result.filedToCourt()).isEqualTo(200);
        assertThat(result.paidCases()).isZero();
        assertThat(result.collected()).isEqualByComparingTo("0");
        assertThat(result.stillOpen()).isEqualTo(200);
        assertThat(result.problems()).isEmpty();
        assertThat(result.perDay()).hasSize(120);
        assertThat(result.perDay().stream().mapToLong(SimulationResult.Day::noticeTotal).sum())
                .isEqualTo(result.noticeTotal());
    }

    @Test
    void debtorsWhoAllPayAfterTheFirstReminderGetOneReminderAThankYouAndNoCall() {
        SimulationResult result = simulations.simulate(PLAN, synthetic(200,
                behaviour(Map.of("first-reminder", 100), Map.of("refused", 1), 0, Map.of("filed-to-court", 1)), 11));

        assertThat(result.noticesByTemplate()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "first-reminder", 200L, "thank-you", 200L));
        assertThat(result.tasksByGroup()).isEmpty();
        assertThat(result.stagesReached()).doesNotContainKeys("call", "pretrial", "legal");
        assertThat(result.paidCases()).isEqualTo(200);
        assertThat(result.collected()).isEqualByComparingTo(result.debtInWork());
        assertThat(result.averageDaysToPay()).isBetween(0.0, 5.1);
        assertThat(result.stillOpen()).isZero();
        assertThat(result.perDay().get(result.perDay().size() - 1).openCases()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
        SimulationRequest.Behaviour defaults = new SimulationRequest(null, null, null, null, null, null, null)
                .withDefaults().behaviour();
        SimulationResult first = withoutTiming(simulations.simulate(PLAN, synthetic(150, defaults, 42)));
        SimulationResult again = withoutTiming(simulations.simulate(PLAN, synthetic(150, defaults, 42)));
        SimulationResult other = withoutTiming(simulations.simulate(PLAN, synthetic(150, defaults, 43)));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        // the default behaviour exercises every path: calls of each outcome, lawyers, payments
        assertThat(first.callOutcomes().keySet()).contains("promised", "no-money", "no-answer");
        assertThat(first.paidCases()).isPositive();
        assertThat(first.tasksByGroup()).containsKeys("collectors", "lawyers");
        assertThat(first.problems()).isEmpty();
    }

    private static SimulationResult withoutTiming(SimulationResult result) {
        return new SimulationResult(result.planKey(), result.planVersion(), result.group(), result.startsOn(),
                result.days(), result.seed(), result.customers(), result.casesOpened(), result.debtInWork(),
                result.perDay(), result.noticesByChannel(), result.noticesByTemplate(), result.tasksByGroup(),
                result.tasksByStep(), result.callOutcomes(), result.legalOutcomes(), result.people(),
                result.stagesReached(), result.legalStage(), result.filedToCourt(), result.judgments(),
                result.writtenOff(), result.paidCases(), result.collected(), result.averageDaysToPay(),
                result.stillOpen(), result.cancelledNotices(), result.deferredNotices(), result.problems(), 0);
    }

    private static final List<String> REAL_TABLES = List.of("customer", "invoice", "payment", "debt_freeze",
            "collection_case", "notice", "notice_delivery", "timeline_event", "contact_event", "work_item", "letter",
            "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_JOB", "ACT_RU_TIMER_JOB", "ACT_RU_VARIABLE", "ACT_RU_ACTINST",
            "ACT_RU_EVENT_SUBSCR", "ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_RE_DEPLOYMENT", "ACT_RE_PROCDEF");

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : REAL_TABLES) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    @Test
    void aSimulationOfRealCustomersLeavesTheLedgerNoticesTimelineCasesAndTheEngineUntouched() {
        Api admin = Api.as(rest, "admin");
        time.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            Debtors.withOpenCase(admin, "SIM", Map.of("phone", "+79990001122"), "2500.00", clock.today());
        }
        time.runDueNow();
        Map<String, Long> before = rowCounts();

        SimulationResult result = simulations.simulate(PLAN, new SimulationRequest(null, null,
                new SimulationRequest.Sample("ledger", 50, "individual", null, null, null, null, null, null),
                behaviour(Map.of("first-reminder", 50), Map.of("promised", 1, "disputes", 1), 50,
                        Map.of("filed-to-court", 1)), 60, 5L, Map.of()));

        assertThat(result.customers()).isGreaterThanOrEqualTo(3);
        assertThat(result.noticesByTemplate()).containsKey("first-reminder");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void analystsStartASimulationOverRestAndManagersReadItsResult() throws InterruptedException {
        Api analyst = Api.as(rest, "analyst");
        Map<String, Object> body = Map.of("sample", Map.of("size", 60), "days", 30, "seed", 3);
        ResponseEntity<Map<String, Object>> started = analyst.postForResponse("/api/plans/" + PLAN + "/simulations", body);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = (String) started.getBody().get("id");
        assertThat(started.getHeaders().getLocation()).hasToString("/api/plans/" + PLAN + "/simulations/" + id);

        Api manager = Api.as(rest, "manager");
        Map<String, Object> run = manager.get("/api/plans/" + PLAN + "/simulations/" + id);
        for (int wait = 0; wait < 600 && !List.of("done", "failed").contains(run.get("status")); wait++) {
            Thread.sleep(500);
            run = manager.get("/api/plans/" + PLAN + "/simulations/" + id);
        }
        assertThat(run).containsEntry("status", "done").containsEntry("requestedBy", "analyst");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) run.get("result");
        assertThat(result).containsEntry("customers", 60).containsEntry("days", 30);
        assertThat(manager.list("/api/plans/" + PLAN + "/simulations")).extracting(each -> each.get("id")).contains(id);

        assertThat(manager.postForResponse("/api/plans/" + PLAN + "/simulations", body).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Api.as(rest, "collector").getForResponse("/api/plans/" + PLAN + "/simulations/" + id)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aSampleAboveTheLimitOrAnUnknownCallOutcomeIsRefusedNamingTheField() {
        Api analyst = Api.as(rest, "analyst");
        ResponseEntity<Map<String, Object>> tooMany = analyst.postForResponse("/api/plans/" + PLAN + "/simulations",
                Map.of("sample", Map.of("size", PlanSimulations.MAX_CUSTOMERS + 1)));
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(tooMany.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(tooMany.getBody().get("errors").toString()).contains("sample.size", "20000");

        ResponseEntity<Map<String, Object>> unknown = analyst.postForResponse("/api/plans/" + PLAN + "/simulations",
                Map.of("behaviour", Map.of("callOutcomes", Map.of("hung-up", 5))));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(unknown.getBody().get("errors").toString()).contains("behaviour.callOutcomes.hung-up");

        assertThat(analyst.postForResponse("/api/plans/no-such-plan/simulations", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThatThrownBy(() -> simulations.simulate(PLAN, new SimulationRequest(null, null, null, null, 0, null,
                null))).isInstanceOf(InvalidSimulationException.class).hasMessageContaining("days");
    }

    @Test
    void aPlanFileNotYetDeployedIsCheckedLikeADeploymentThenSimulatedAndStaysUndeployed() throws Exception {
        String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("processes", PLAN + ".bpmn20.xml"));
        String secondReminderAsFirst = shipped.replace("'second-reminder'", "'first-reminder'");
        assertThat(secondReminderAsFirst).isNotEqualTo(shipped);
        long versionsBefore = deployedVersions();

        SimulationRequest draft = synthetic(50, behaviour(Map.of(), Map.of("refused", 1), 0,
                Map.of("filed-to-court", 1)), 3);
        SimulationResult result = simulations.simulate(PLAN, new SimulationRequest(null, secondReminderAsFirst,
                draft.sample(), draft.behaviour(), draft.days(), draft.seed(), draft.people()));

        assertThat(result.noticesByTemplate()).containsEntry("first-reminder", 100L)
                .doesNotContainKey("second-reminder");
        assertThat(deployedVersions()).isEqualTo(versionsBefore);

        String smuggling = shipped.replace("${plan.sendNotice(execution, 'second-reminder'",
                "${runtimeService.toString() == '' ? '' : plan.sendNotice(execution, 'second-reminder'");
        assertThatThrownBy(() -> simulations.simulate(PLAN, new SimulationRequest(null, smuggling, draft.sample(),
                draft.behaviour(), draft.days(), draft.seed(), draft.people())))
                .isInstanceOf(InvalidSimulationException.class)
                .hasMessageContaining("bpmn").hasMessageContaining("sendSecondReminder")
                .hasMessageContaining("runtimeService");
        assertThatThrownBy(() -> simulations.simulate("business-standard", new SimulationRequest(null,
                secondReminderAsFirst, draft.sample(), draft.behaviour(), draft.days(), draft.seed(), draft.people())))
                .isInstanceOf(InvalidSimulationException.class).hasMessageContaining("'individual-standard'");
    }

    private long deployedVersions() {
        return jdbc.sql("SELECT COUNT(*) FROM ACT_RE_PROCDEF WHERE KEY_ = :key").param("key", PLAN)
                .query(Long.class).single();
    }
}
