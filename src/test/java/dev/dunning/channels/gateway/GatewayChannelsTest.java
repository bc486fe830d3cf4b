package dev.dunning.channels.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;
import dev.dunning.support.Api;

/**
 * SMS (a Twilio-style form post), a messenger's template messages (a JSON post) and the voice robot, each against a
 * local HTTP server speaking like the gateway, through the outbox, and the gateways' reports coming back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-gateways;DB_CLOSE_DELAY=-1",
        // These tests are about the gateways; the contact rules have their own.
        "dunning.contact.groups.individual.preset=none",
        "dunning.notify.sms.enabled=true",
        "dunning.notify.sms.auth=basic",
        "dunning.notify.sms.username=AC0123456789",
        "dunning.notify.sms.password=auth-token-secret",
        "dunning.notify.sms.format=form",
        "dunning.notify.sms.fields.To={recipient}",
        "dunning.notify.sms.fields.From=+15005550006",
        "dunning.notify.sms.fields.Body={text}",
        "dunning.notify.sms.fields.StatusCallback={callbackUrl}",
        "dunning.notify.sms.provider-ref=/sid",
        "dunning.notify.sms.country-code=7",
        "dunning.notify.sms.read-timeout=PT1S",
        "dunning.notify.sms.callback-token=sms-callback-token-0123",
        "dunning.notify.sms.callback-ref=MessageSid",
        "dunning.notify.sms.callback-status=MessageStatus",
        "dunning.notify.sms.statuses.delivered=delivered",
        "dunning.notify.sms.statuses.undelivered=undelivered",
        "dunning.notify.messenger.enabled=true",
        "dunning.notify.messenger.auth=bearer",
        "dunning.notify.messenger.token=wa-bearer-token",
        "dunning.notify.messenger.format=json",
        "dunning.notify.messenger.fields[to]={recipient}",
        "dunning.notify.messenger.fields[template.name]={providerTemplate}",
        "dunning.notify.messenger.fields[template.language]={locale}",
        "dunning.notify.messenger.fields[template.body]={text}",
        "dunning.notify.messenger.provider-ref=/id",
        "dunning.notify.messenger.idempotency-header=Idempotency-Key",
        "dunning.notify.messenger.country-code=7",
        "dunning.notify.messenger.templates.first-reminder=payment_reminder_v2",
        "dunning.notify.voice.enabled=true",
        "dunning.notify.voice.auth=header",
        "dunning.notify.voice.header-name=X-Api-Key",
        "dunning.notify.voice.header-value=voice-key",
        "dunning.notify.voice.format=json",
        "dunning.notify.voice.fields[phone]={recipient}",
        "dunning.notify.voice.fields[say]={text}",
        "dunning.notify.voice.fields[callback]={callbackUrl}",
        "dunning.notify.voice.provider-ref=/call/id",
        "dunning.notify.voice.country-code=7",
        "dunning.notify.voice.callback-token=voice-callback-token-0123",
        "dunning.notify.voice.callback-format=json",
        "dunning.notify.voice.callback-ref=/callId",
        "dunning.notify.voice.callback-status=/result",
        "dunning.notify.voice.statuses.answered=answered",
        "dunning.notify.voice.statuses.keypress-1=keypress-1",
        "dunning.notify.voice.statuses.no-answer=no-answer"})
class GatewayChannelsTest {

    static final FakeGateway GATEWAY = FakeGateway.start();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void gatewayUrls(DynamicPropertyRegistry properties) {
        properties.add("dunning.notify.sms.url", () -> GATEWAY.url("/2010-04-01/Accounts/AC0123456789/Messages.json"));
        properties.add("dunning.notify.messenger.url", () -> GATEWAY.url("/wa/messages"));
        properties.add("dunning.notify.voice.url", () -> GATEWAY.url("/voice/calls"));
    }

    private static final String SMS_PATH = "/2010-04-01/Accounts/AC0123456789/Messages.json";

    @Autowired
    Notices notices;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate rest;

    @BeforeEach
    void freshGateway() {
        GATEWAY.reset();
    }

    private String customer(String phone) {
        String customerId = "GW-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO customer (customer_id, name, group_name, phone, locale, updated_at)
                VALUES (:id, 'Иван Петров', 'individual', :phone, 'ru', :now)""")
                .param("id", customerId).param("phone", phone).param("now", clock.now().atOffset(ZoneOffset.UTC)).update();
        return customerId;
    }

    private String send(String customerId, String template, String... channels) {
        Map<String, Object> model = new HashMap<>();
        model.put("conditionalDebt", new BigDecimal("1250.50"));
        model.put("realDebt", new BigDecimal("1250.50"));
        model.put("balance", new BigDecimal("1250.50"));
        model.put("today", clock.today());
        String noticeId = notices.compose(new NoticeRequest(customerId, UUID.randomUUID().toString(), "step-" + template,
                template, List.of(channels), model, false));
        time.runDueNow();
        return noticeId;
    }

    private Map<String, Object> notice(String noticeId) {
        return Api.as(rest, "admin").get("/api/notifications/" + noticeId);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    private ResponseEntity<String> report(String path, String token, MediaType type, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        if (token != null) {
            headers.set("X-Dunning-Callback-Token", token);
        }
        return rest.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void anSmsGoesAsATwilioStyleFormPostAndItsDeliveryReceiptComesBack() {
        String customerId = customer("8 (900) 123-45-67");

        String noticeId = send(customerId, "first-reminder", "sms", "email");

        FakeGateway.Request request = GATEWAY.requests(SMS_PATH).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("AC0123456789:auth-token-secret".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> fields = form(request.body());
        assertThat(fields).containsEntry("To", "+79001234567").containsEntry("From", "+15005550006")
                .containsEntry("StatusCallback", "http://localhost:8080/api/channels/sms/status");
        assertThat(fields.get("Body")).startsWith("Dunning demo: долг 1\u00a0250,50 RUB.");
        Map<String, Object> sent = notice(noticeId);
        assertThat(sent).containsEntry("status", "sent").containsEntry("channel", "sms");
        String sid = (String) sent.get("providerRef");
        assertThat(sid).startsWith("SM");

        assertThat(report("/api/channels/sms/status", "wrong", MediaType.APPLICATION_FORM_URLENCODED,
                "MessageSid=" + sid + "&MessageStatus=delivered").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(report("/api/channels/sms/status", "sms-callback-token-0123", MediaType.APPLICATION_FORM_URLENCODED,
                "MessageSid=" + sid + "&MessageStatus=queued").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(notice(noticeId)).doesNotContainKey("outcome");
        assertThat(report("/api/channels/sms/status", "sms-callback-token-0123", MediaType.APPLICATION_FORM_URLENCODED,
                "MessageSid=" + sid + "&MessageStatus=delivered").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(notice(noticeId)).containsEntry("outcome", "delivered");
        assertThat(report("/api/channels/sms/status", "sms-callback-token-0123", MediaType.APPLICATION_FORM_URLENCODED,
                "MessageSid=SM-unknown&MessageStatus=delivered").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(report("/api/channels/sms/status", "sms-callback-token-0123", MediaType.APPLICATION_FORM_URLENCODED,
                "MessageStatus=delivered").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aMessengerTemplateMessageIsAJsonPostWithTheMappedTemplateAndTheDedupeKey() throws Exception {
        String customerId = customer("+7 900 765-43-21");

        String noticeId = send(customerId, "first-reminder", "messenger", "sms");

        FakeGateway.Request request = GATEWAY.requests("/wa/messages").get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer wa-bearer-token");
        assertThat(request.header("Idempotency-Key")).isEqualTo(notice(noticeId).get("dedupeKey"));
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("to").asText()).isEqualTo("+79007654321");
        assertThat(body.at("/template/name").asText()).isEqualTo("payment_reminder_v2");
        assertThat(body.at("/template/language").asText()).isEqualTo("ru");
        assertThat(body.at("/template/body").asText()).contains("1\u00a0250,50 RUB");
        assertThat(notice(noticeId)).containsEntry("channel", "messenger").containsEntry("status", "sent");
    }

    @Test
    void aTemplateTheMessengerHasNoApprovedTemplateForFallsBackToSmsAtOnce() {
        String noticeId = send(customer("+7 900 111-22-33"), "second-reminder", "messenger", "sms");

        assertThat(GATEWAY.requests("/wa/messages")).isEmpty();
        assertThat(GATEWAY.requests(SMS_PATH)).hasSize(1);
        assertThat(notice(noticeId)).containsEntry("channel", "sms").containsEntry("status", "sent");
    }

    @Test
    void aRefusedNumberFailsForGoodWhileAnOverloadedOrSlowGatewayIsTriedAgain() {
        GATEWAY.answer(SMS_PATH, 400, "{\"code\":21211,\"message\":\"The 'To' number +79001112233 is not valid\"}", 0);
        String refused = send(customer("+7 900 111-22-33"), "first-reminder", "sms");
        assertThat(notice(refused)).containsEntry("status", "failed");
        assertThat(notice(refused).get("lastError")).asString().contains("sms gateway answered 400 (code 21211)")
                .doesNotContain("79001112233");

        GATEWAY.answer(SMS_PATH, 503, "", 0);
        String overloaded = send(customer("+7 900 111-22-34"), "first-reminder", "sms");
        assertThat(notice(overloaded)).containsEntry("status", "pending").containsEntry("attempts", 1);

        GATEWAY.answer(SMS_PATH, 201, "{\"sid\":\"SM-slow\"}", 2_000);
        String slow = send(customer("+7 900 111-22-35"), "first-reminder", "sms");
        assertThat(notice(slow)).containsEntry("status", "pending");
        assertThat(notice(slow).get("lastError")).asString().contains("HttpTimeoutException");

        GATEWAY.reset();
        time.advance(Duration.ofMinutes(1));
        assertThat(notice(overloaded)).containsEntry("status", "sent");
        assertThat(notice(slow)).containsEntry("status", "sent");
    }

    @Test
    void theVoiceRobotReadsTheNoticeAndItsCallResultComesBackAsTheOutcome() throws Exception {
        String customerId = customer("+7 900 222-33-44");

        String noticeId = send(customerId, "voice-reminder", "voice");

        FakeGateway.Request call = GATEWAY.requests("/voice/calls").get(0);
        assertThat(call.header("X-Api-Key")).isEqualTo("voice-key");
        JsonNode body = JSON.readTree(call.body());
        assertThat(body.get("phone").asText()).isEqualTo("+79002223344");
        assertThat(body.get("say").asText()).contains("нажмите 1");
        assertThat(body.get("callback").asText()).isEqualTo("http://localhost:8080/api/channels/voice/callback");
        String callId = (String) notice(noticeId).get("providerRef");

        assertThat(report("/api/channels/voice/callback", "voice-callback-token-0123", MediaType.APPLICATION_JSON,
                "{\"callId\":\"" + callId + "\",\"result\":\"keypress-1\"}").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(notice(noticeId)).containsEntry("outcome", "keypress-1");
        assertThat(jdbc.sql("SELECT kind FROM contact_event WHERE customer_id = :id ORDER BY kind").param("id", customerId)
                .query(String.class).list()).containsExactly("CALL", "CONVERSATION");
    }
}
