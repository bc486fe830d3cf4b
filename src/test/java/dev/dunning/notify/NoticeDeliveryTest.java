package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

@DunningTest
class NoticeDeliveryTest {

    @Autowired
    Notices notices;
    @Autowired
    NoticeStore store;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TestRestTemplate rest;

    private NoticeRequest step(String customerId, String caseId, String step, List<String> channels) {
        return new NoticeRequest(customerId, caseId, step, "first-reminder", channels,
                TestCustomers.request(customerId, caseId, "first-reminder", clock.today()).model(), false);
    }

    @Test
    void aPlanStepsNoticeIsKeyedByCaseStepAndPassSoALoopMakesANewOneAndARolledBackStepTheSameOne() {
        String customerId = TestCustomers.insert(jdbc, null, "ru");
        String caseId = TestCustomers.newCaseId();
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(status -> {
            notices.compose(step(customerId, caseId, "sendFirstReminder", List.of("email")));
            status.setRollbackOnly();
        });
        String first = notices.compose(step(customerId, caseId, "sendFirstReminder", List.of("email")));
        String second = notices.compose(step(customerId, caseId, "sendFirstReminder", List.of("email")));

        assertThat(store.find(first).orElseThrow().dedupeKey()).isEqualTo(caseId + ":sendFirstReminder:1");
        assertThat(store.find(second).orElseThrow().dedupeKey()).isEqualTo(caseId + ":sendFirstReminder:2");
        assertThat(notices(caseId)).isEqualTo(2);
    }

    @Test
    void twoRunsOfTheSameStepPassThatOverlapCannotBothCommitANotice() throws Exception {
        String customerId = TestCustomers.insert(jdbc, null, "ru");
        String caseId = TestCustomers.newCaseId();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CountDownLatch firstComposed = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            // The first run has made its notice but not committed when the second makes the same one.
            Future<String> first = nodes.submit(() -> transaction.execute(status -> {
                String id = notices.compose(step(customerId, caseId, "sendSecondReminder", List.of("email")));
                firstComposed.countDown();
                sleep(300);
                return id;
            }));
            Future<String> second = nodes.submit(() -> {
                firstComposed.await();
                return transaction.execute(status ->
                        notices.compose(step(customerId, caseId, "sendSecondReminder", List.of("email"))));
            });

            String made = first.get();
            assertThatThrownBy(second::get).hasCauseInstanceOf(DuplicateKeyException.class);
            assertThat(store.find(made).orElseThrow().dedupeKey()).isEqualTo(caseId + ":sendSecondReminder:1");
        } finally {
            nodes.shutdownNow();
        }
        assertThat(notices(caseId)).isEqualTo(1);
    }

    @Test
    void aProviderReportIsRecordedOnTheNoticeAndTheTimelineAndAnUndeliveredOneMovesToTheNextChannel() {
        String customerId = TestCustomers.insert(jdbc, null, "ru");
        String caseId = TestCustomers.newCaseId();
        String delivered = notices.compose(step(customerId, caseId, "sendFirstReminder", List.of("log")));
        String undelivered = notices.compose(step(customerId, caseId, "sendSecondReminder", List.of("log", "log")));
        time.runDueNow();
        jdbc.sql("UPDATE notice_delivery SET provider_ref = notice_id WHERE notice_id IN (:ids)")
                .param("ids", List.of(delivered, undelivered)).update();

        notices.report(new DeliveryReport("log", delivered, "delivered", false, null));
        notices.report(new DeliveryReport("log", undelivered, "undelivered", true, "handset +7 912 345-67-89 off"));

        Notice reported = store.find(delivered).orElseThrow();
        assertThat(reported.outcome()).isEqualTo("delivered");
        assertThat(reported.outcomeAt()).isEqualTo(clock.now());
        Notice movedOn = store.find(undelivered).orElseThrow();
        assertThat(movedOn.status()).isEqualTo("pending");
        assertThat(movedOn.fallbackChannels()).isEmpty();
        assertThat(movedOn.outcomeDetail()).isEqualTo("handset <number> off");
        assertThat(timeline.of(customerId)).extracting(TimelineEvent::kind)
                .contains("notice-outcome", "notice-undelivered", "notice-fallback");
        assertThatThrownBy(() -> notices.report(new DeliveryReport("log", "no-such-ref", "delivered", false, null)))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no-such-ref");
    }

    @Test
    void aReportedOutcomeReachesTheCaseStepWaitingForItAsTheVariableNoticeOutcome() {
        repository.createDeployment().name("waits-for-robot").addString("waits-for-robot.bpmn20.xml", """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="test">
                  <message id="noticeOutcome" name="noticeOutcome"/>
                  <process id="waitsForRobot" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="waitForCallResult"/>
                    <intermediateCatchEvent id="waitForCallResult">
                      <messageEventDefinition messageRef="noticeOutcome"/>
                    </intermediateCatchEvent>
                    <sequenceFlow id="f2" sourceRef="waitForCallResult" targetRef="afterCall"/>
                    <userTask id="afterCall"/>
                    <sequenceFlow id="f3" sourceRef="afterCall" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""").deploy();
        String customerId = TestCustomers.insert(jdbc, null, "ru");
        String caseId = TestCustomers.newCaseId();
        ProcessInstance instance = runtime.startProcessInstanceByKey("waitsForRobot", caseId);
        jdbc.sql("""
                INSERT INTO collection_case (case_id, customer_id, active_key, plan_key, plan_version,
                                             process_instance_id, status, opened_at)
                VALUES (:case, :customer, :customer, 'waitsForRobot', 1, :instance, 'open', :now)""")
                .param("case", caseId).param("customer", customerId).param("instance", instance.getId())
                .param("now", NoticeStore.utc(clock.now())).update();
        String call = notices.compose(step(customerId, caseId, "robotCall", List.of("log")));
        time.runDueNow();
        jdbc.sql("UPDATE notice_delivery SET provider_ref = 'call-1-' || notice_id WHERE notice_id = :id").param("id", call).update();

        notices.report(new DeliveryReport("log", "call-1-" + call, "keypress-1", false, null));

        assertThat(runtime.createActivityInstanceQuery().processInstanceId(instance.getId()).unfinished().list())
                .extracting(activity -> activity.getActivityId()).contains("afterCall");
        assertThat(runtime.getVariable(instance.getId(), "noticeOutcome")).isEqualTo("keypress-1");
    }

    @Test
    void analystsPreviewATemplateWithSampleValuesAndOnlyThePeopleWhoWorkDebtsWithACustomersData() {
        String customerId = TestCustomers.insert(jdbc, null, "en");

        Map<String, Object> sample = Api.as(rest, "analyst").get("/api/templates/first-reminder/preview?locale=en");
        assertThat(sample.get("subject")).asString().startsWith("Payment reminder");
        assertThat(sample.get("body")).asString().contains("Sample Customer").contains("12,345.67");

        assertThat(Api.as(rest, "analyst").getForResponse("/api/templates/first-reminder/preview?customer=" + customerId)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, Object> real = Api.as(rest, "collector")
                .get("/api/templates/first-reminder/preview?customer=" + customerId);
        assertThat(real.get("locale")).isEqualTo("en");
        assertThat(real.get("body")).asString().contains(TestCustomers.NAME);

        var broken = Api.as(rest, "analyst").getForResponse("/api/templates/no-such-template/preview");
        assertThat(broken.getStatusCode().is4xxClientError()).isTrue();
        assertThat(broken.getBody()).asString().contains("templates/notices/ru/no-such-template.ftl");
    }

    private int notices(String caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM notice WHERE case_id = :case").param("case", caseId)
                .query(Integer.class).single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
