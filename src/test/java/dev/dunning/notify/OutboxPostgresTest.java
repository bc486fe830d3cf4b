package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.util.GreenMail;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.LocalMailServer;
import dev.dunning.support.PostgresTest;

/** The outbox on PostgreSQL, with two nodes sending at once: every notice reaches the mail server exactly once. */
@PostgresTest
@TestPropertySource(properties = {
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1",
        "dunning.notify.batch-size=25"})
class OutboxPostgresTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static final LocalMailServer SMTP = new LocalMailServer();
    private static final GreenMail MAIL = SMTP.server();


    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.port", SMTP::port);
    }

    @Autowired
    Notices notices;
    @Autowired
    NoticeStore store;
    @Autowired
    Outbox outbox;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void twoNodesSendingTheSameOutboxAtOnceDeliverEveryNoticeExactlyOnce() throws Exception {
        List<String> noticeIds = new ArrayList<>();
        for (int n = 0; n < 120; n++) {
            String customerId = TestCustomers.insert(jdbc, "pg-" + n + "@example.org", "ru");
            noticeIds.add(notices.compose(TestCustomers.request(customerId, TestCustomers.newCaseId(), "first-reminder",
                    clock.today())));
        }
        Instant now = clock.now();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                runs.add(nodes.submit(() -> {
                    together.await();
                    outbox.runDue(now);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            nodes.shutdownNow();
        }

        assertThat(noticeIds).allSatisfy(id -> assertThat(store.find(id).orElseThrow().status()).isEqualTo("sent"));
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : MAIL.getReceivedMessages()) {
            recipients.add(Arrays.toString(message.getAllRecipients()));
        }
        assertThat(recipients).hasSize(120).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM timeline_event WHERE kind = 'notice-sent'").query(Integer.class).single())
                .isEqualTo(120);
    }

}
