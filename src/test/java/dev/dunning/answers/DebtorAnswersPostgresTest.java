package dev.dunning.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import dev.dunning.answers.AnswerRefusedException.Reason;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Freezes;
import dev.dunning.notify.NoticeLinks;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.Debtors.Debtor;
import dev.dunning.support.PostgresTest;

/** Debtors' answers on PostgreSQL, where several nodes may take the same answer at once. */
@PostgresTest
class DebtorAnswersPostgresTest {

    @Autowired
    DebtorAnswers answers;
    @Autowired
    NoticeLinks links;
    @Autowired
    Freezes freezes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    TestRestTemplate rest;

    private Debtor debtor() {
        return Debtors.withOpenCase(Api.as(rest, "admin"), "PG", Map.of("locale", "en"), "1500.00", clock.today());
    }

    @Test
    void aDebtorConfirmsThroughThePageAndTheLinkThenCountsAsUsed() {
        Debtor debtor = debtor();
        String link = URI.create(links.linksFor(UUID.randomUUID().toString(), debtor.customerId(), debtor.caseId(),
                "email").get("confirm")).getRawPath();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("date", clock.today().plusDays(4).toString());

        assertThat(rest.exchange(link, HttpMethod.GET, null, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.exchange(link, HttpMethod.POST, new HttpEntity<>(form, headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.exchange(link, HttpMethod.POST, new HttpEntity<>(form, headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(freezes.active(debtor.customerId())).singleElement()
                .satisfies(freeze -> assertThat(freeze.until()).isEqualTo(clock.today().plusDays(4)));
        assertThat(Debtors.currentCase(Api.as(rest, "admin"), debtor.customerId())).containsEntry("status", "suspended");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM answer_link_key").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void twoAnswersToOneNoticeAtOnceLeaveExactlyOne() throws Exception {
        Debtor debtor = debtor();
        String noticeId = UUID.randomUUID().toString();
        LocalDate payBy = clock.today().plusDays(5);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<Reason>> outcomes = new ArrayList<>();
        try {
            for (DebtorAction action : new DebtorAction[] {DebtorAction.CONFIRM, DebtorAction.DISPUTE}) {
                outcomes.add(nodes.submit(() -> {
                    start.await();
                    try {
                        answers.answer(new DebtorAnswer(noticeId, debtor.customerId(), debtor.caseId(), action, "email",
                                action == DebtorAction.CONFIRM ? payBy : null,
                                action == DebtorAction.DISPUTE ? "Not mine" : null, "link", null));
                        return null;
                    } catch (AnswerRefusedException refused) {
                        return refused.reason();
                    }
                }));
            }
            start.countDown();
            List<Reason> reasons = new ArrayList<>();
            for (Future<Reason> outcome : outcomes) {
                reasons.add(outcome.get(30, TimeUnit.SECONDS));
            }
            assertThat(reasons).containsExactlyInAnyOrder(null, Reason.ALREADY_ANSWERED);
        } finally {
            nodes.shutdownNow();
        }
        assertThat(freezes.active(debtor.customerId())).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM debtor_answer WHERE notice_id = :id").param("id", noticeId)
                .query(Integer.class).single()).isEqualTo(1);
    }
}
