package dev.dunning.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.inbox.TaskCompleted;
import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

@DunningTest
class ContactRulesApiTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    ContactRules rules;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Timeline timeline;

    private String customer(String group) {
        String customerId = "CA-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO customer (customer_id, name, group_name, time_zone, updated_at)
                VALUES (:id, 'Debtor', :group, 'Europe/Moscow', :now)""")
                .param("id", customerId).param("group", group).param("now", clock.now().atOffset(ZoneOffset.UTC)).update();
        return customerId;
    }

    @Test
    void managersReadTheRulesOfEveryGroupAndOnlyAdminsChangeThem() {
        Map<String, Object> all = Api.as(rest, "manager").get("/api/contact-rules");
        assertThat(all).containsKeys("individual", "business", "public");
        assertThat(Api.as(rest, "manager").get("/api/contact-rules/individual"))
                .containsEntry("preset", "ru-230fz").containsEntry("messages", "2/4/16");

        HttpEntity<Map<String, Object>> edit = new HttpEntity<>(Map.of("preset", "office-hours"));
        assertThat(rest.withBasicAuth("manager", "manager")
                .exchange("/api/contact-rules/vip", HttpMethod.PUT, edit, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("collector", "collector").getForEntity("/api/contact-rules", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void anAdminsEditIsCheckedFieldByFieldStoredAuditedAndCanBeUndone() {
        var refused = rest.withBasicAuth("admin", "admin").exchange("/api/contact-rules/schools", HttpMethod.PUT,
                new HttpEntity<>(Map.of("preset", "ru-230fz", "workingDays", "9-18", "messages", "lots")), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        List<Object> fields = ((List<?>) refused.getBody().get("errors")).stream()
                .map(error -> ((Map<?, ?>) error).get("field")).map(Object.class::cast).toList();
        assertThat(fields).containsExactly("workingDays", "messages");

        var changed = rest.withBasicAuth("admin", "admin").exchange("/api/contact-rules/schools", HttpMethod.PUT,
                new HttpEntity<>(Map.of("preset", "ru-230fz", "messages", "1/3/10", "consentRequired", List.of("voice"))),
                Map.class);
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(Api.as(rest, "admin").get("/api/contact-rules/schools"))
                .containsEntry("messages", "1/3/10").containsEntry("workingDays", "08:00-22:00")
                .containsEntry("consentRequired", List.of("voice"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM timeline_event WHERE kind = 'contact-rules-changed' AND actor = 'admin'")
                .query(Integer.class).single()).isPositive();

        rest.withBasicAuth("admin", "admin").delete("/api/contact-rules/schools");
        assertThat(Api.as(rest, "admin").get("/api/contact-rules/schools")).containsEntry("messages", "2/4/16");
    }

    @Test
    void staffRecordADebtorsOptOutAndConsentOnTheTimelineAndTheRulesObeyThem() {
        String customerId = customer("individual");
        Api collector = Api.as(rest, "collector");

        collector.post("/api/customers/" + customerId + "/contact-preferences",
                Map.of("channel", "sms", "change", "opt-out", "source", "asked on the phone"));
        var bad = collector.postForResponse("/api/customers/" + customerId + "/contact-preferences",
                Map.of("channel", "sms", "change", "maybe"));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(collector.list("/api/customers/" + customerId + "/contact-preferences")).singleElement()
                .satisfies(preference -> assertThat(preference).containsEntry("channel", "sms")
                        .containsKey("optedOutAt").containsEntry("changedBy", "collector"));
        Map<String, ContactDecision> decisions = new TransactionTemplate(transactions).execute(status -> rules.admit(List.of(
                new ContactAttempt("n-sms", customerId, "sms", ContactKind.MESSAGE),
                new ContactAttempt("n-email", customerId, "email", ContactKind.MESSAGE)), clock.now()));
        assertThat(decisions.get("n-sms")).isEqualTo(new ContactDecision.Suppressed("the debtor opted out of sms"));
        assertThat(decisions.get("n-email")).isInstanceOf(ContactDecision.Allowed.class);
        assertThat(timeline.of(customerId)).extracting(TimelineEvent::kind, TimelineEvent::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("contact-preference", "collector"));
    }

    @Test
    void aCollectorsCallThatReachedTheDebtorCountsAsTheDaysCallAndTheWindowSaysWhenTheNextMayBe() {
        String customerId = customer("individual");
        Api collector = Api.as(rest, "collector");
        assertThat(collector.get("/api/customers/" + customerId + "/contact-window").get("calls"))
                .isEqualTo(Map.of("allowed", true));

        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(new TaskCompleted(
                "task-1", "call-debtor", customerId, UUID.randomUUID().toString(), Map.of("callOutcome", "refused"),
                "collector")));

        Map<?, ?> calls = (Map<?, ?>) collector.get("/api/customers/" + customerId + "/contact-window").get("calls");
        assertThat(calls.get("allowed")).isEqualTo(false);
        assertThat(calls.get("reason")).isEqualTo("cap: 1 call a day");
        assertThat(Instant.parse((String) calls.get("notBefore"))).isAfter(clock.now());
        assertThat(jdbc.sql("SELECT kind FROM contact_event WHERE customer_id = :id ORDER BY kind")
                .param("id", customerId).query(String.class).list()).containsExactly("CALL", "CONVERSATION");
    }

    @Test
    void twoNodesAdmittingMessagesForOneDebtorAtOnceNeverPassTheDailyCap() throws Exception {
        assertCapHeldUnderConcurrency(customer("individual"), transactions, rules, clock);
    }

    static void assertCapHeldUnderConcurrency(String customerId, PlatformTransactionManager transactions,
            ContactRules rules, BusinessClock clock) throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<String, ContactDecision>>> runs = new java.util.ArrayList<>();
            for (int node = 0; node < 2; node++) {
                int n = node;
                runs.add(nodes.submit(() -> {
                    together.await();
                    return transaction.execute(status -> rules.admit(List.of(
                            new ContactAttempt("node" + n + "-a-" + customerId, customerId, "email", ContactKind.MESSAGE),
                            new ContactAttempt("node" + n + "-b-" + customerId, customerId, "sms", ContactKind.MESSAGE)),
                            clock.now()));
                }));
            }
            long allowed = 0;
            for (Future<Map<String, ContactDecision>> run : runs) {
                allowed += run.get().values().stream().filter(ContactDecision.Allowed.class::isInstance).count();
            }
            assertThat(allowed).isEqualTo(2);
        } finally {
            nodes.shutdownNow();
        }
    }
}
