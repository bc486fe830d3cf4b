package dev.dunning.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.util.GreenMail;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.LocalMailServer;
import dev.dunning.clock.BusinessTime;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;
import dev.dunning.support.Api;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/** Email through a real SMTP server, with the contact rules deciding when each notice may go. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-contact-delivery;DB_CLOSE_DELAY=-1",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1"})
class ContactRulesDeliveryTest {

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
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate rest;

    private String customer(String timeZone) {
        String customerId = "CR-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO customer (customer_id, name, group_name, email, locale, time_zone, updated_at)
                VALUES (:id, 'Debtor', 'individual', :email, 'en', :zone, :now)""")
                .param("id", customerId).param("email", customerId.toLowerCase() + "@example.org")
                .param("zone", timeZone).param("now", clock.now().atOffset(java.time.ZoneOffset.UTC)).update();
        return customerId;
    }

    private String remind(String customerId) {
        return notices.compose(new NoticeRequest(customerId, UUID.randomUUID().toString(), "sendFirstReminder",
                "first-reminder", List.of("email"), Map.of("conditionalDebt", new java.math.BigDecimal("900.00"),
                        "realDebt", new java.math.BigDecimal("900.00"), "balance", new java.math.BigDecimal("900.00"),
                        "today", clock.today()), false));
    }

    private Map<String, Object> notice(String noticeId) {
        return Api.as(rest, "admin").get("/api/notifications/" + noticeId);
    }

    @Test
    void aReminderComposedAtNightInTheDebtorsZoneIsDeferredToEightAndSentThenNotDropped() {
        // Business time starts at 05:00 UTC: midnight in New York, 08:00 in Moscow.
        String newYorker = customer("America/New_York");
        int before = MAIL.getReceivedMessages().length;

        String noticeId = remind(newYorker);
        time.runDueNow();

        Map<String, Object> waiting = notice(noticeId);
        assertThat(waiting.get("status")).isEqualTo("pending");
        assertThat(Instant.parse((String) waiting.get("nextAttemptAt"))).isEqualTo(Instant.parse("2026-03-02T13:00:00Z"));
        assertThat(waiting.get("deferredReason")).asString().startsWith("quiet hours: 08:00-22:00 on working days")
                .endsWith("America/New_York");
        assertThat(timeline.of(newYorker)).extracting(TimelineEvent::kind).containsExactly("notice-queued", "notice-deferred");
        assertThat(MAIL.getReceivedMessages()).hasSize(before);

        time.moveTo(Instant.parse("2026-03-02T13:00:00Z"));

        assertThat(notice(noticeId).get("status")).isEqualTo("sent");
        assertThat(MAIL.getReceivedMessages()).hasSize(before + 1);
    }

    @Test
    void theThirdMessageOfADayWaitsForTheNextMorningAndADebtorWhoUnsubscribedGetsNoMore() {
        time.moveTo(Instant.parse("2026-03-03T07:00:00Z"));
        String muscovite = customer("Europe/Moscow");
        String first = remind(muscovite);
        String second = remind(muscovite);
        String third = remind(muscovite);
        time.runDueNow();

        assertThat(notice(first).get("status")).isEqualTo("sent");
        assertThat(notice(second).get("status")).isEqualTo("sent");
        assertThat(notice(third).get("status")).isEqualTo("pending");
        assertThat(notice(third).get("deferredReason")).isEqualTo("cap: 2 messages a day");
        assertThat(notice(third).get("nextAttemptAt")).isEqualTo("2026-03-04T05:00:00Z");

        // The debtor follows the unsubscribe link of the first message (one click from the mail client).
        String body = (String) notice(first).get("body");
        Matcher unsubscribe = Pattern.compile("http://localhost:8080(/answer/[A-Za-z0-9_-]+)\\s*$").matcher(body);
        assertThat(unsubscribe.find()).isTrue();
        HttpHeaders form = new HttpHeaders();
        form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        assertThat(rest.postForEntity(unsubscribe.group(1), new HttpEntity<>("List-Unsubscribe=One-Click", form),
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        time.moveTo(Instant.parse("2026-03-04T05:00:00Z"));

        assertThat(notice(third).get("status")).isEqualTo("suppressed");
        assertThat(notice(third).get("lastError")).asString().contains("opted out of email");
        assertThat(timeline.of(muscovite)).extracting(TimelineEvent::kind)
                .contains("contact-preference", "notice-suppressed");
    }

}
