package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

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
        "spring.mail.host=127.0.0.1",
        "dunning.home=target/email-delivery-test-home",
        // These tests are about delivery; they move time through the night, which the contact rules would forbid.
        "dunning.contact.groups.individual.preset=none"})
class EmailDeliveryTest {

    /** A port nobody listens on until a test starts the mail server there. */
    private static final int SMTP_PORT = freePort();

    static {
        // An edited copy in the home folder adds an HTML variant of the English first reminder.
        Path html = Path.of("target/email-delivery-test-home/templates/notices/en/first-reminder.ftlh");
        try {
            Files.createDirectories(html.getParent());
            Files.writeString(html, """
                    <p>Dear ${customerName},</p>
                    <p>you owe <b>${conditionalDebt} ${currency}</b>.</p>""");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
    @Autowired
    EmailChannel emailChannel;

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
    void aCasesReminderCarriesTheDebtorsAnswerLinksAndAOneClickUnsubscribeHeader() throws Exception {
        mailServer.start();
        String customerId = TestCustomers.insert(jdbc, "anna@example.org", "ru");

        composeFirstReminderFor(customerId);
        time.runDueNow();

        MimeMessage message = mailServer.getReceivedMessages()[0];
        String body = (String) message.getContent();
        assertThat(body).containsPattern("оплачу к дате: http://localhost:8080/answer/[A-Za-z0-9_-]+")
                .containsPattern("нужна отсрочка: http://localhost:8080/answer/[A-Za-z0-9_-]+")
                .containsPattern("не согласен с суммой: http://localhost:8080/answer/[A-Za-z0-9_-]+");
        assertThat(message.getHeader("List-Unsubscribe")).singleElement().asString()
                .matches("<http://localhost:8080/answer/[A-Za-z0-9_-]+>");
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
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

    @Test
    void anEmailCarriesAMessageIdMadeFromTheNoticeIdAndAnEscapedHtmlPartBesideThePlainText() throws Exception {
        mailServer.start();
        String customerId = TestCustomers.insert(jdbc, "john@example.org", "en");
        jdbc.sql("UPDATE customer SET name = '<script>alert(1)</script> Smith' WHERE customer_id = :id")
                .param("id", customerId).update();

        String noticeId = notices.compose(new NoticeRequest(customerId, TestCustomers.newCaseId(), "first-reminder",
                List.of("email"), Map.of("conditionalDebt", new BigDecimal("1500.00"), "realDebt",
                        new BigDecimal("1500.00"), "balance", new BigDecimal("1500.00"), "today", clock.today())));
        time.runDueNow();

        MimeMessage message = mailServer.getReceivedMessages()[0];
        assertThat(message.getMessageID()).isEqualTo("<" + noticeId + "@dunning.example>");
        assertThat(message.getContentType()).containsIgnoringCase("multipart/");
        Map<String, String> parts = textParts(message);
        assertThat(parts.get("text/plain")).contains("1,500.00 RUB");
        assertThat(parts.get("text/html"))
                .contains("<b>1,500.00 RUB</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; Smith")
                .doesNotContain("<script>");
    }

    @Test
    void aNoticeWhoseSenderStoppedAfterSendingIsMarkedUncertainAndNeverSentTwiceUntilAnAdminResendsIt()
            throws Exception {
        mailServer.start();
        String customerId = TestCustomers.insert(jdbc, "olga@example.org", "ru");
        String noticeId = composeFirstReminderFor(customerId);
        // A node claims the notice and hands it to the mail server, then dies before recording the delivery.
        Instant now = clock.now();
        assertThat(store.claim(List.of(noticeId), now, now.plus(Duration.ofMinutes(5)))).containsExactly(noticeId);
        Notice claimed = store.find(noticeId).orElseThrow();
        emailChannel.send(new OutgoingNotice(claimed.noticeId(), claimed.dedupeKey(), customerId, claimed.caseId(),
                "email", claimed.template(), claimed.locale(), claimed.recipient(), claimed.subject(), claimed.body(),
                null, List.of(), Map.of()));
        assertThat(mailServer.getReceivedMessages()).hasSize(1);

        time.advance(Duration.ofMinutes(4));
        assertThat(store.find(noticeId).orElseThrow().status()).isEqualTo("sending");
        time.advance(Duration.ofMinutes(2));

        Notice uncertain = store.find(noticeId).orElseThrow();
        assertThat(uncertain.status()).isEqualTo("uncertain");
        assertThat(uncertain.lastError()).contains("sender stopped while sending");
        time.advance(Duration.ofHours(1));
        assertThat(mailServer.getReceivedMessages()).hasSize(1);
        assertThat(timeline.of(customerId)).extracting(TimelineEvent::kind).contains("notice-uncertain");

        String resent = notices.resend(noticeId, null, "admin");
        time.runDueNow();
        assertThat(mailServer.getReceivedMessages()).hasSize(2);
        Notice again = store.find(resent).orElseThrow();
        assertThat(again.status()).isEqualTo("sent");
        assertThat(again.dedupeKey()).isEqualTo(uncertain.dedupeKey() + "/resend-1");
        assertThat(timeline.of(customerId)).filteredOn(event -> event.kind().equals("notice-resent"))
                .extracting(TimelineEvent::actor).containsExactly("admin");
    }

    @Test
    void anAddressTheMailServerCannotTakeMovesTheNoticeToTheStepsNextChannelAtOnce() {
        mailServer.start();
        String customerId = TestCustomers.insert(jdbc, "not an address@@example", "ru");
        String noticeId = notices.compose(new NoticeRequest(customerId, TestCustomers.newCaseId(), "sendFirstReminder",
                "first-reminder", List.of("email", "log"), TestCustomers.request(customerId, null, "first-reminder",
                        clock.today()).model(), false));
        assertThat(store.find(noticeId).orElseThrow().fallbackChannels()).containsExactly("log");

        time.runDueNow();

        Notice sent = store.find(noticeId).orElseThrow();
        assertThat(sent.channel()).isEqualTo("log");
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.lastError()).isNull();
        assertThat(mailServer.getReceivedMessages()).isEmpty();
        assertThat(timeline.of(customerId)).extracting(TimelineEvent::kind)
                .containsExactly("notice-queued", "notice-fallback", "notice-sent");
        assertThat(timeline.of(customerId).get(1).summary())
                .startsWith("first-reminder by email failed for good")
                .endsWith("now by log")
                .doesNotContain("not an address");
    }

    /** The text leaves of a MIME tree, by content type without parameters. */
    private static Map<String, String> textParts(jakarta.mail.Part part) throws Exception {
        Map<String, String> found = new java.util.HashMap<>();
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                found.putAll(textParts(multipart.getBodyPart(i)));
            }
        } else if (part.getContent() instanceof String text) {
            found.put(part.getContentType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT), text);
        }
        return found;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
