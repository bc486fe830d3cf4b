package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/**
 * Notices in the whole application, email off: composed in the outbox, delivered through the log. Run on H2
 * ({@link NoticesTest}) and on PostgreSQL ({@link NoticesPostgresTest}), whose claims and records are other SQL.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class NoticeOutbox {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
    };

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
    TestRestTemplate rest;

    private NoticeRequest request(String customerId, String caseId, String template) {
        return TestCustomers.request(customerId, caseId, template, clock.today());
    }

    private Notice notice(String noticeId) {
        return store.find(noticeId).orElseThrow();
    }

    @Test
    void aComposedNoticeWaitsInTheOutboxThenGoesOutThroughTheLogWhenEmailIsOff(CapturedOutput output) {
        String customerId = TestCustomers.insert(jdbc, "ivan.petrov@example.org", "ru");
        String caseId = TestCustomers.newCaseId();

        String noticeId = notices.compose(request(customerId, caseId, "first-reminder"));

        Notice queued = notice(noticeId);
        assertThat(queued.status()).isEqualTo("pending");
        assertThat(queued.channel()).isEqualTo("log");
        assertThat(queued.recipient()).isNull();
        assertThat(queued.locale()).isEqualTo("ru");
        assertThat(queued.caseId()).isEqualTo(caseId);
        assertThat(queued.createdAt()).isEqualTo(clock.now());
        assertThat(queued.nextAttemptAt()).isEqualTo(clock.now());
        assertThat(queued.subject()).isEqualTo("Напоминание об оплате — Dunning demo");
        assertThat(queued.body()).contains("Иван Петров").contains("12\u00a0345,67 RUB");

        time.runDueNow();

        Notice sent = notice(noticeId);
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.sentAt()).isEqualTo(clock.now());
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.nextAttemptAt()).isNull();
        assertThat(timeline.of(customerId)).extracting(TimelineEvent::kind, TimelineEvent::summary, TimelineEvent::caseId)
                .containsExactly(
                        tuple("notice-queued", "first-reminder by log", caseId),
                        tuple("notice-sent", "first-reminder by log", caseId));
        assertThat(output.getAll())
                .contains("Notice " + noticeId + " for customer " + customerId + ": template first-reminder, channel log")
                .doesNotContain("Иван")
                .doesNotContain("ivan.petrov@example.org")
                .doesNotContain("12\u00a0345,67");
    }

    @Test
    void aCustomerWhoReadsEnglishGetsTheEnglishTemplate() {
        String customerId = TestCustomers.insert(jdbc, null, "en-GB");

        String noticeId = notices.compose(request(customerId, TestCustomers.newCaseId(), "second-reminder"));

        assertThat(notice(noticeId).locale()).isEqualTo("en");
        assertThat(notice(noticeId).subject()).isEqualTo("Second payment reminder from Dunning demo");
    }

    @Test
    void whenThePlanGivesNoCurrencyTheNoticeShowsTheLedgersCurrency() {
        String customerId = TestCustomers.insert(jdbc, null, "en");
        NoticeRequest request = request(customerId, TestCustomers.newCaseId(), "first-reminder");
        request.model().remove("currency");

        String noticeId = notices.compose(request);

        assertThat(notice(noticeId).body()).contains("12,345.67 RUB");
    }

    @Test
    void aMissingTemplateFailsThePlanStepNamingTheFileAndQueuesNothing() {
        String customerId = TestCustomers.insert(jdbc, null, "ru");

        assertThatThrownBy(() -> notices.compose(request(customerId, TestCustomers.newCaseId(), "no-such-notice")))
                .isInstanceOf(NoticeTemplateException.class)
                .hasMessageContaining("templates/notices/ru/no-such-notice.ftl");
        assertThat(store.search(customerId, null, null, 10)).isEmpty();
        assertThat(timeline.of(customerId)).isEmpty();
    }

    @Test
    void aNoticeForACustomerTheLedgerDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> notices.compose(request("notify-nobody", TestCustomers.newCaseId(), "first-reminder")))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("notify-nobody");
    }

    @Test
    void payingTheDebtCancelsTheCasesNoticesThatWereNotSentSoNoReminderFollowsThePayment() {
        String customerId = TestCustomers.insert(jdbc, null, "ru");
        String paidCase = TestCustomers.newCaseId();
        String otherCase = TestCustomers.newCaseId();
        String firstReminder = notices.compose(request(customerId, paidCase, "first-reminder"));
        String secondReminder = notices.compose(request(customerId, paidCase, "second-reminder"));
        String otherReminder = notices.compose(request(customerId, otherCase, "first-reminder"));

        assertThat(notices.cancelPending(paidCase)).isEqualTo(2);
        time.runDueNow();

        assertThat(notice(firstReminder).status()).isEqualTo("cancelled");
        assertThat(notice(secondReminder).status()).isEqualTo("cancelled");
        assertThat(notice(otherReminder).status()).isEqualTo("sent");
        assertThat(timeline.of(customerId)).extracting(TimelineEvent::kind, TimelineEvent::summary)
                .contains(tuple("notice-cancelled", "2 undelivered notices cancelled"));
        assertThat(notices.cancelPending(paidCase)).isZero();
        assertThat(notices.cancelPending(otherCase)).isZero();
    }

    @Test
    void dueNoticesAreWalkedBatchByBatchFromWhereTheLastEndedEachOnceInTheOrderTheyWereMade() {
        String customerId = TestCustomers.insert(jdbc, null, "ru");
        String caseId = TestCustomers.newCaseId();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            made.add(notices.compose(request(customerId, caseId, "first-reminder")));
        }
        Instant now = clock.now();

        List<String> walked = new ArrayList<>();
        NoticeStore.DueNotices batch = store.due(now, null, 5);
        while (!batch.noticeIds().isEmpty()) {
            walked.addAll(batch.noticeIds());
            batch = store.due(now, batch.last(), 5);
        }

        assertThat(walked).doesNotHaveDuplicates();
        assertThat(walked.stream().filter(made::contains).toList()).containsExactlyElementsOf(made);
        assertThat(store.due(now.minusSeconds(1), null, 5).noticeIds()).doesNotContainAnyElementsOf(made);
        time.runDueNow();
        assertThat(made).allSatisfy(id -> assertThat(notice(id).status()).isEqualTo("sent"));
    }

    @Test
    void ofSeveralNodesClaimingTheSameNoticesEachNoticeGoesToExactlyOneAndComesBackWhenItsNodeDied() throws Exception {
        String customerId = TestCustomers.insert(jdbc, null, "ru");
        String caseId = TestCustomers.newCaseId();
        List<String> noticeIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            noticeIds.add(notices.compose(request(customerId, caseId, "first-reminder")));
        }
        Instant now = clock.now();
        int nodes = 4;
        CyclicBarrier together = new CyclicBarrier(nodes);
        Queue<String> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int node = 0; node < nodes; node++) {
                running.add(pool.submit(() -> {
                    together.await();
                    for (String noticeId : noticeIds) {
                        claimed.addAll(store.claim(List.of(noticeId), now, now.plus(Duration.ofMinutes(5))));
                    }
                    return null;
                }));
            }
            for (Future<?> node : running) {
                node.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(claimed).containsExactlyInAnyOrderElementsOf(noticeIds);

        // The claiming "nodes" never sent anything: the notices wait for their lease to end, then go out.
        time.runDueNow();
        assertThat(noticeIds).allSatisfy(id -> assertThat(notice(id).status()).isEqualTo("sending"));
        time.advance(Duration.ofMinutes(5));
        assertThat(noticeIds).allSatisfy(id -> assertThat(notice(id).status()).isEqualTo("sent"));
    }

    @Test
    void theNotificationsApiListsACustomersNoticesNewestFirstWithFilters() {
        String customerId = TestCustomers.insert(jdbc, null, "ru");
        String firstCase = TestCustomers.newCaseId();
        String older = notices.compose(request(customerId, firstCase, "first-reminder"));
        time.advance(Duration.ofMinutes(1));
        String sameInstant = notices.compose(request(customerId, TestCustomers.newCaseId(), "second-reminder"));
        String newer = notices.compose(request(customerId, TestCustomers.newCaseId(), "pretrial-claim"));

        List<Map<String, Object>> all = list("/api/notifications?customer={customer}", customerId);

        assertThat(all).extracting(each -> each.get("noticeId")).containsExactly(newer, sameInstant, older);
        assertThat(all.get(0)).containsEntry("customerId", customerId)
                .containsEntry("channel", "log")
                .containsEntry("template", "pretrial-claim")
                .containsEntry("locale", "ru")
                .containsEntry("status", "pending")
                .containsEntry("attempts", 0)
                .containsKeys("caseId", "subject", "body", "createdAt", "nextAttemptAt");
        assertThat(all.get(2)).containsEntry("status", "sent").containsKeys("sentAt");
        assertThat(list("/api/notifications?customer={customer}&status=pending", customerId))
                .extracting(each -> each.get("noticeId")).containsExactly(newer, sameInstant);
        assertThat(list("/api/notifications?case={case}", firstCase))
                .extracting(each -> each.get("noticeId")).containsExactly(older);
        assertThat(list("/api/notifications?customer={customer}&limit=1", customerId))
                .extracting(each -> each.get("noticeId")).containsExactly(newer);
    }

    @Test
    void theNotificationsApiIsForThePeopleWhoWorkTheDebtsAndRefusesNonsense() {
        HttpHeaders json = new HttpHeaders();
        json.setAccept(List.of(MediaType.APPLICATION_JSON));
        assertThat(rest.exchange("/api/notifications", HttpMethod.GET, new HttpEntity<>(json), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("analyst", "analyst").getForEntity("/api/notifications", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> unknownStatus = rest.withBasicAuth("collector", "collector")
                .getForEntity("/api/notifications?status=lost", String.class);
        assertThat(unknownStatus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownStatus.getBody()).contains("status must be one of");
        assertThat(rest.withBasicAuth("collector", "collector").getForEntity("/api/notifications?limit=0", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private List<Map<String, Object>> list(String url, Object... variables) {
        ResponseEntity<List<Map<String, Object>>> response = rest.withBasicAuth("manager", "manager")
                .exchange(url, HttpMethod.GET, null, JSON_LIST, variables);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
