package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/**
 * Email through a real SMTP server (GreenMail). Enabling email changes the application's beans, so this is a
 * context of its own, with a database of its own: its simulated time must not move the shared test context's.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-email-test;DB_CLOSE_DELAY=-1",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1"})
class EmailDeliveryTest {

    /** A port nobody listens on until a test starts the mail server there. */
    private static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.port", () -> SMTP_PORT);
    }

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

    private final GreenMail mailServer = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @AfterEach
    void stopMailServer() {
        mailServer.stop();
    }

    private String composeFirstReminderFor(String customerId) {
        return notices.compose(TestCustomers.request(customerId, TestCustomers.newCaseId(), "first-reminder", clock.today()));
    }

    @Test
    void aReminderArrivesAtTheCustomersAddressWithItsSubjectAndARussianUtf8Body() throws Exception {
        mailServer.start();
        String customerId = TestCustomers.insert(jdbc, "ivan.petrov@example.org", "ru");

        String noticeId = composeFirstReminderFor(customerId);
        time.runDueNow();

        MimeMessage[] received = mailServer.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getAllRecipients()).extracting(Address::toString).containsExactly("ivan.petrov@example.org");
        assertThat(message.getFrom()).extracting(Address::toString).containsExactly("billing@dunning.example");
        assertThat(message.getSubject()).isEqualTo("Напоминание об оплате — Dunning demo");
        assertThat(message.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat((String) message.getContent())
                .startsWith("Здравствуйте, Иван Петров!")
                .contains("задолженность 12\u00a0345,67 RUB");
        Notice sent = store.find(noticeId).orElseThrow();
        assertThat(sent.channel()).isEqualTo("email");
        assertThat(sent.recipient()).isEqualTo("ivan.petrov@example.org");
        assertThat(sent.status()).isEqualTo("sent");
    }

    @Test
    void whileTheMailServerIsDownTheNoticeWaitsAndGoesOutWhenTheServerIsBack() throws Exception {
        String customerId = TestCustomers.insert(jdbc, "maria@example.org", "ru");
        String noticeId = composeFirstReminderFor(customerId);
        Instant firstAttempt = clock.now();

        time.runDueNow();

        Notice waiting = store.find(noticeId).orElseThrow();
        assertThat(waiting.status()).isEqualTo("pending");
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isEqualTo(firstAttempt.plus(Duration.ofMinutes(1)));
        assertThat(waiting.lastError()).contains("ConnectException").doesNotContain("maria@example.org");

        mailServer.start();
        time.advance(Duration.ofMinutes(1));

        Notice sent = store.find(noticeId).orElseThrow();
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.sentAt()).isEqualTo(firstAttempt.plus(Duration.ofMinutes(1)));
        assertThat(mailServer.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aNoticeThatCannotBeDeliveredIsRetriedAfter1m5m30m2hAnd12hThenMarkedFailed() {
        String customerId = TestCustomers.insert(jdbc, "petr@example.org", "ru");
        String noticeId = composeFirstReminderFor(customerId);
        time.runDueNow();

        for (Duration delay : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(12))) {
            Notice waiting = store.find(noticeId).orElseThrow();
            assertThat(waiting.status()).isEqualTo("pending");
            assertThat(waiting.nextAttemptAt()).isEqualTo(clock.now().plus(delay));
            time.advance(delay);
        }

        Notice failed = store.find(noticeId).orElseThrow();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.attempts()).isEqualTo(6);
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(timeline.of(customerId)).extracting(TimelineEvent::kind).containsExactly("notice-queued", "notice-failed");
        assertThat(timeline.of(customerId).get(1).summary())
                .startsWith("first-reminder by email failed 6 times (")
                .doesNotContain("petr@example.org");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
