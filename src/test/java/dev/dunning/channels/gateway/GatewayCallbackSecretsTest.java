package dev.dunning.channels.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

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

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;
import dev.dunning.support.Api;

/**
 * The gateways' delivery receipts and call results come in without a login, so each must carry its own channel's
 * callback token, exactly: a missing, wrong, cut, padded or other channel's token, or one in the wrong place, is a
 * 401 and records nothing; a channel with no token set takes no report at all; a channel that is off is not there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-gateway-secrets;DB_CLOSE_DELAY=-1",
        "dunning.contact.groups.individual.preset=none",
        "dunning.notify.sms.enabled=true",
        "dunning.notify.sms.fields.To={recipient}",
        "dunning.notify.sms.fields.Body={text}",
        "dunning.notify.sms.provider-ref=/sid",
        "dunning.notify.sms.country-code=7",
        "dunning.notify.sms.callback-token=" + GatewayCallbackSecretsTest.SMS_TOKEN,
        "dunning.notify.sms.callback-ref=MessageSid",
        "dunning.notify.sms.callback-status=MessageStatus",
        "dunning.notify.sms.statuses.delivered=delivered",
        "dunning.notify.voice.enabled=true",
        "dunning.notify.voice.format=json",
        "dunning.notify.voice.fields[phone]={recipient}",
        "dunning.notify.voice.fields[say]={text}",
        "dunning.notify.voice.provider-ref=/call/id",
        "dunning.notify.voice.country-code=7",
        "dunning.notify.voice.callback-token=" + GatewayCallbackSecretsTest.VOICE_TOKEN,
        "dunning.notify.voice.callback-format=json",
        "dunning.notify.voice.callback-ref=/callId",
        "dunning.notify.voice.callback-status=/result",
        "dunning.notify.voice.statuses.answered=answered",
        // a messenger that sends no receipts: no statuses, no token
        "dunning.notify.messenger.enabled=true",
        "dunning.notify.messenger.format=json",
        "dunning.notify.messenger.fields[to]={recipient}",
        "dunning.notify.messenger.fields[text]={text}",
        "dunning.notify.messenger.provider-ref=/id",
        "dunning.notify.messenger.country-code=7"})
class GatewayCallbackSecretsTest {

    static final String SMS_TOKEN = "sms-callback-token-0123";
    static final String VOICE_TOKEN = "voice-callback-token-4567";
    private static final String HEADER = "X-Dunning-Callback-Token";
    static final FakeGateway GATEWAY = FakeGateway.start();

    @DynamicPropertySource
    static void gatewayUrls(DynamicPropertyRegistry properties) {
        properties.add("dunning.notify.sms.url", () -> GATEWAY.url("/sms"));
        properties.add("dunning.notify.voice.url", () -> GATEWAY.url("/voice"));
        properties.add("dunning.notify.messenger.url", () -> GATEWAY.url("/messenger"));
    }

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

    private String sent(String channel, String template) {
        String customerId = "GS-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO customer (customer_id, name, group_name, phone, locale, updated_at)
                VALUES (:id, 'Иван Петров', 'individual', '+79001234567', 'ru', :now)""")
                .param("id", customerId).param("now", clock.now().atOffset(ZoneOffset.UTC)).update();
        Map<String, Object> model = new HashMap<>();
        model.put("conditionalDebt", new BigDecimal("1250.50"));
        model.put("realDebt", new BigDecimal("1250.50"));
        model.put("balance", new BigDecimal("1250.50"));
        model.put("today", clock.today());
        String noticeId = notices.compose(new NoticeRequest(customerId, UUID.randomUUID().toString(), "step-" + template,
                template, List.of(channel), model, false));
        time.runDueNow();
        Map<String, Object> notice = notice(noticeId);
        assertThat(notice).containsEntry("status", "sent").containsKey("providerRef");
        return noticeId;
    }

    private Map<String, Object> notice(String noticeId) {
        return Api.as(rest, "admin").get("/api/notifications/" + noticeId);
    }

    private ResponseEntity<String> report(String path, MediaType type, String body, Consumer<HttpHeaders> credentials) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        credentials.accept(headers);
        return rest.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    /** Every way of sending a report without the channel's own token as it is. */
    private static Map<String, Consumer<HttpHeaders>> forgeries(String token, String otherChannelsToken) {
        Map<String, Consumer<HttpHeaders>> ways = new LinkedHashMap<>();
        ways.put("no token", headers -> { });
        ways.put("an empty token", headers -> headers.set(HEADER, ""));
        ways.put("a wrong token", headers -> headers.set(HEADER, "x".repeat(token.length())));
        ways.put("the token cut short", headers -> headers.set(HEADER, token.substring(0, token.length() - 1)));
        ways.put("the token and more", headers -> headers.set(HEADER, token + "0"));
        ways.put("the token upper-cased", headers -> headers.set(HEADER, token.toUpperCase()));
        ways.put("the other channel's token", headers -> headers.set(HEADER, otherChannelsToken));
        ways.put("the token as a bearer", headers -> headers.setBearerAuth(token));
        ways.put("the token as a login", headers -> headers.setBasicAuth("gateway", token));
        return ways;
    }

    @Test
    void anSmsReceiptWithoutTheSmsTokenIsA401AndRecordsNoOutcome() {
        String noticeId = sent("sms", "first-reminder");
        String sid = (String) notice(noticeId).get("providerRef");
        String receipt = "MessageSid=" + sid + "&MessageStatus=delivered";

        forgeries(SMS_TOKEN, VOICE_TOKEN).forEach((how, credentials) -> {
            ResponseEntity<String> response = report("/api/channels/sms/status", MediaType.APPLICATION_FORM_URLENCODED,
                    receipt, credentials);
            assertThat(response.getStatusCode()).as(how).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(String.valueOf(response.getBody())).as(how).doesNotContain(SMS_TOKEN);
        });
        assertThat(report("/api/channels/sms/status?token=" + SMS_TOKEN, MediaType.APPLICATION_FORM_URLENCODED, receipt,
                headers -> { }).getStatusCode()).as("the token in the address").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(report("/api/channels/sms/status", MediaType.APPLICATION_FORM_URLENCODED,
                receipt + "&" + HEADER + "=" + SMS_TOKEN, headers -> { }).getStatusCode()).as("the token in the body")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(notice(noticeId)).doesNotContainKey("outcome");

        assertThat(report("/api/channels/sms/status", MediaType.APPLICATION_FORM_URLENCODED, receipt,
                headers -> headers.set(HEADER, SMS_TOKEN)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(notice(noticeId)).containsEntry("outcome", "delivered");
    }

    @Test
    void aCallResultWithoutTheVoiceTokenIsA401AndRecordsNoOutcomeOrContact() {
        String noticeId = sent("voice", "voice-reminder");
        String callId = (String) notice(noticeId).get("providerRef");
        String result = "{\"callId\":\"" + callId + "\",\"result\":\"answered\"}";

        forgeries(VOICE_TOKEN, SMS_TOKEN).forEach((how, credentials) -> assertThat(report("/api/channels/voice/callback",
                MediaType.APPLICATION_JSON, result, credentials).getStatusCode()).as(how).isEqualTo(HttpStatus.UNAUTHORIZED));
        assertThat(report("/api/channels/voice/status", MediaType.APPLICATION_JSON, result,
                headers -> headers.set(HEADER, SMS_TOKEN)).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(notice(noticeId)).doesNotContainKey("outcome");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_event WHERE kind = 'CONVERSATION' AND customer_id ="
                + " (SELECT customer_id FROM notice WHERE notice_id = :id)").param("id", noticeId).query(Integer.class)
                .single()).isZero();

        assertThat(report("/api/channels/voice/callback", MediaType.APPLICATION_JSON, result,
                headers -> headers.set(HEADER, VOICE_TOKEN)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(notice(noticeId)).containsEntry("outcome", "answered");
    }

    @Test
    void aChannelWithNoTokenSetTakesNoReportAndAChannelThatIsOffIsNotThere() {
        String noticeId = sent("messenger", "first-reminder");
        String ref = (String) notice(noticeId).get("providerRef");

        for (Consumer<HttpHeaders> credentials : List.<Consumer<HttpHeaders>>of(headers -> { },
                headers -> headers.set(HEADER, ""), headers -> headers.set(HEADER, SMS_TOKEN))) {
            assertThat(report("/api/channels/messenger/status", MediaType.APPLICATION_JSON,
                    "{\"ref\":\"" + ref + "\",\"status\":\"delivered\"}", credentials).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(notice(noticeId)).doesNotContainKey("outcome");
        for (String off : List.of("email", "letter", "telegram", "log")) {
            assertThat(report("/api/channels/" + off + "/status", MediaType.APPLICATION_FORM_URLENCODED, "status=delivered",
                    headers -> headers.set(HEADER, SMS_TOKEN)).getStatusCode()).as(off).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }
}
