package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.security.Roles;
import dev.dunning.security.UserAccounts;
import dev.dunning.support.Api;
import dev.dunning.support.LocalMailServer;

/** The digest through a real SMTP server, at its hour of business time, once a day. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-digest-mail;DB_CLOSE_DELAY=-1",
        "spring.mail.host=127.0.0.1",
        "dunning.digest.from=dunning@dunning.example",
        "dunning.digest.locale=en",
        "dunning.digest.extra-recipients=board@dunning.example"})
class DigestMailTest {

    @RegisterExtension
    static final LocalMailServer SMTP = new LocalMailServer();
    private static final GreenMail MAIL = SMTP.server();

    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.port", SMTP::port);
    }

    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate rest;

    /** A manager with an email; the demo user {@code manager} has none. Created once for the class. */
    private static String managerEmail;

    private String managerWithEmail() {
        if (managerEmail == null) {
            String name = "boss-" + UUID.randomUUID().toString().substring(0, 8);
            managerEmail = name + "@dunning.example";
            accounts.create(new UserAccounts.Change(name, "a long enough secret", List.of(Roles.MANAGER), List.of(), true,
                    managerEmail), "admin");
        }
        return managerEmail;
    }

    @Test
    void theDigestGoesOutOnceADayAtItsHourToManagersWithAnEmailAndTheExtraRecipientsNotBefore() throws Exception {
        String manager = managerWithEmail();
        Instant hour = nextDigestHour();
        int before = MAIL.getReceivedMessages().length;
        int managerBefore = to(manager).size();
        long audited = auditedDigests();

        time.moveTo(hour.minus(Duration.ofMinutes(1)));
        assertThat(MAIL.getReceivedMessages()).as("not before the hour").hasSize(before);

        time.moveTo(hour.plus(Duration.ofMinutes(1)));
        assertThat(MAIL.getReceivedMessages()).hasSize(before + 2);
        assertThat(to(manager)).hasSize(managerBefore + 1);
        MimeMessage digest = to(manager).get(managerBefore);
        assertThat(digest.getSubject()).startsWith("Dunning digest for " + formatted(hour));
        assertThat(digest.getFrom()[0].toString()).isEqualTo("dunning@dunning.example");
        Multipart parts = (Multipart) digest.getContent();
        String body = GreenMailUtil.getBody(digest);
        assertThat(body).contains("Dunning daily digest").contains("Dashboard: http://localhost:8080/dashboard")
                .contains("Open the dashboard").contains("text/plain").contains("text/html");
        assertThat(parts.getCount()).isPositive();
        assertThat(auditedDigests()).isEqualTo(audited + 1);

        time.moveTo(hour.plus(Duration.ofDays(1)).minus(Duration.ofMinutes(1)));
        assertThat(MAIL.getReceivedMessages()).as("once a day").hasSize(before + 2);

        time.moveTo(hour.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)));
        assertThat(MAIL.getReceivedMessages()).as("the next day's digest").hasSize(before + 4);
        assertThat(auditedDigests()).isEqualTo(audited + 2);
    }

    @Test
    void aNodeThatMissedDaysSendsOneDigestWhenItReturnsNotOnePerDay() {
        managerWithEmail();
        // As if the last digest went out three days ago and the nodes were down since.
        jdbc.sql("UPDATE scheduled_run SET last_run_at = :then WHERE name = :name")
                .param("then", clock.now().minus(Duration.ofDays(3)).atOffset(ZoneOffset.UTC))
                .param("name", DigestSchedule.RUN)
                .update();
        int before = MAIL.getReceivedMessages().length;

        time.runDueNow();
        time.runDueNow();

        assertThat(MAIL.getReceivedMessages()).as("one digest to each of the two recipients").hasSize(before + 2);
        OffsetDateTime lastRun = jdbc.sql("SELECT last_run_at FROM scheduled_run WHERE name = :name")
                .param("name", DigestSchedule.RUN).query(OffsetDateTime.class).single();
        assertThat(lastRun.toInstant()).isEqualTo(clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void anAdminSendsTheDigestNowAndOtherRolesMayNot() {
        String manager = managerWithEmail();
        int before = MAIL.getReceivedMessages().length;
        int managerBefore = to(manager).size();

        Map<String, Object> sending = Api.as(rest, "admin").post("/api/admin/digest", Map.of());

        assertThat(sending).containsEntry("sent", 2).containsEntry("failed", 0);
        assertThat(((Number) sending.get("managersWithoutEmail")).intValue()).as("the demo manager").isEqualTo(1);
        assertThat(MAIL.getReceivedMessages()).hasSize(before + 2);
        assertThat(to(manager)).hasSize(managerBefore + 1);
        assertThat(Api.as(rest, "manager").postForResponse("/api/admin/digest", Map.of()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM timeline_event WHERE kind = 'digest-sent' AND actor = 'admin'"
                + " AND customer_id IS NULL").query(Long.class).single()).isPositive();
    }

    private Instant nextDigestHour() {
        Instant today = clock.today().atTime(LocalTime.of(7, 30)).atZone(clock.getZone()).toInstant();
        return clock.now().isBefore(today) ? today : today.plus(Duration.ofDays(1));
    }

    private String formatted(Instant hour) {
        return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                .withLocale(java.util.Locale.ENGLISH).format(hour.atZone(clock.getZone()).toLocalDate());
    }

    private long auditedDigests() {
        return jdbc.sql("SELECT COUNT(*) FROM timeline_event WHERE kind = 'digest-sent' AND customer_id IS NULL")
                .query(Long.class).single();
    }

    /** The messages to {@code address}, oldest first (GreenMail lists messages mailbox by mailbox). */
    private static List<MimeMessage> to(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(message -> recipients(message).contains(address)).toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
