package dev.dunning.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Freezes;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.Debtors.Debtor;

/**
 * Anyone on the internet can post to the webhook: without Telegram's secret in its header, exactly, an update is a
 * 401 and presses no button; with it, a press for a notice whose case has ended changes nothing either.
 */
class TelegramWebhookSecretTest extends TelegramContext {

    private static final String WEBHOOK = "/api/channels/telegram/webhook";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Freezes freezes;
    @Autowired
    BusinessClock clock;
    @Autowired
    dev.dunning.clock.BusinessTime time;

    Api admin;
    Debtor debtor;
    long chatId;
    String noticeId;

    @BeforeEach
    void aNoticeSentByTelegram() {
        admin = Api.as(rest, "admin");
        chatId = ThreadLocalRandom.current().nextLong(100_000, 999_999_999);
        debtor = Debtors.withOpenCase(admin, "TS", Map.of("telegram_chat_id", String.valueOf(chatId), "locale", "en"),
                "1500.00", clock.today());
        time.runDueNow();
        BOT_API.forget();
        noticeId = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO notice (notice_id, customer_id, case_id, channel, template, locale, recipient, subject, body,
                                    created_at)
                VALUES (:id, :customer, :case, 'telegram', 'first-reminder', 'en', :chat, 'Payment reminder',
                        'Dear Anna Debtor, ...', :now)""")
                .param("id", noticeId).param("customer", debtor.customerId()).param("case", debtor.caseId())
                .param("chat", String.valueOf(chatId)).param("now", clock.now().atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("""
                INSERT INTO notice_delivery (notice_id, created_seq, status, attempts, sent_at)
                SELECT notice_id, created_seq, 'sent', 1, :now FROM notice WHERE notice_id = :id""")
                .param("id", noticeId).param("now", clock.now().atOffset(ZoneOffset.UTC)).update();
    }

    private ResponseEntity<String> press(String path, Consumer<HttpHeaders> credentials) {
        String update = """
                {"update_id": 20001, "secret_token": "%s",
                 "callback_query": {"id": "cb-%s", "chat_instance": "-5", "data": "confirm:%s",
                   "from": {"id": %d, "is_bot": false, "first_name": "Anna", "language_code": "en"},
                   "message": {"message_id": 4101, "date": 1772427600, "text": "Dear Anna Debtor, ...",
                               "chat": {"id": %d, "type": "private", "first_name": "Anna"}}}}"""
                .formatted(SECRET, UUID.randomUUID(), noticeId, chatId, chatId);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        credentials.accept(headers);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(update, headers), String.class);
    }

    @Test
    void everyWayOfNotGivingTheSecretExactlyIsA401ThatPressesNothing() {
        Map<String, ResponseEntity<String>> forged = new java.util.LinkedHashMap<>();
        forged.put("no header (the secret only in the body)", press(WEBHOOK, headers -> { }));
        forged.put("an empty header", press(WEBHOOK, headers -> headers.set(TelegramWebhook.SECRET_HEADER, "")));
        forged.put("the secret upper-cased", press(WEBHOOK,
                headers -> headers.set(TelegramWebhook.SECRET_HEADER, SECRET.toUpperCase())));
        forged.put("the secret with a space in it", press(WEBHOOK, headers -> headers.set(TelegramWebhook.SECRET_HEADER,
                SECRET.substring(0, 8) + " " + SECRET.substring(8))));
        forged.put("the secret's first half", press(WEBHOOK,
                headers -> headers.set(TelegramWebhook.SECRET_HEADER, SECRET.substring(0, SECRET.length() / 2))));
        forged.put("the bot's token instead", press(WEBHOOK, headers -> headers.set(TelegramWebhook.SECRET_HEADER, TOKEN)));
        forged.put("the secret in another header", press(WEBHOOK, headers -> headers.setBearerAuth(SECRET)));
        forged.put("the secret in the address", press(WEBHOOK + "?secret_token=" + SECRET, headers -> { }));

        forged.forEach((how, response) -> {
            assertThat(response.getStatusCode()).as(how).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getContentType().toString()).as(how).startsWith("application/problem+json");
            assertThat(response.getBody()).as(how).contains(TelegramWebhook.SECRET_HEADER).doesNotContain(SECRET);
        });
        assertThat(freezes.active(debtor.customerId())).isEmpty();
        assertThat(BOT_API.calls("answerCallbackQuery")).isEmpty();

        ResponseEntity<String> telegram = press(WEBHOOK, headers -> headers.set(TelegramWebhook.SECRET_HEADER, SECRET));
        assertThat(telegram.getStatusCode()).as("the same press with the secret").isEqualTo(HttpStatus.OK);
        assertThat(freezes.active(debtor.customerId())).hasSize(1);
    }

    @Test
    void aPressUnderANoticeOfACaseThatHasEndedFreezesNothingOfTheNextCase() {
        Debtors.pay(admin, debtor.customerId(), "1500.00", clock.today());
        Debtors.owe(admin, debtor.customerId(), "900.00", clock.today().minusDays(10));
        admin.post("/api/admin/evaluate", Map.of());
        assertThat(Debtors.currentCase(admin, debtor.customerId()).get("id")).isNotEqualTo(debtor.caseId());
        BOT_API.forget();

        ResponseEntity<String> response = press(WEBHOOK, headers -> headers.set(TelegramWebhook.SECRET_HEADER, SECRET));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<FakeBotApi.Call> answers = BOT_API.calls("answerCallbackQuery");
        assertThat(answers).singleElement().satisfies(call -> assertThat(call.body().path("text").asText())
                .isEqualTo("Sorry, this button can no longer be used."));
        assertThat(freezes.active(debtor.customerId())).isEmpty();
    }
}
