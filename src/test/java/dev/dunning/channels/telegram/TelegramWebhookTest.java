package dev.dunning.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

import com.fasterxml.jackson.databind.JsonNode;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.Freezes;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.Debtors.Debtor;

/** A debtor presses a button under a Telegram notice; Telegram posts the press to the webhook. */
class TelegramWebhookTest extends TelegramContext {

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

    Debtor debtor;
    long chatId;
    String noticeId;

    @BeforeEach
    void aNoticeSentByTelegram() {
        BOT_API.forget();
        chatId = ThreadLocalRandom.current().nextLong(100_000, 999_999_999);
        debtor = Debtors.withOpenCase(Api.as(rest, "admin"), "TG",
                Map.of("telegram_chat_id", String.valueOf(chatId), "locale", "en"), "1500.00", clock.today());
        // The case's own first reminder goes out by Telegram too; the tests are about the buttons afterwards.
        time.runDueNow();
        BOT_API.forget();
        noticeId = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO notice (notice_id, customer_id, case_id, channel, template, locale, recipient, subject, body,
                                    created_at)
                VALUES (:id, :customer, :case, 'telegram', 'first-reminder', 'en', :chat, 'Payment reminder',
                        'Dear Anna Debtor, ...', :now)""")
                .param("id", noticeId)
                .param("customer", debtor.customerId())
                .param("case", debtor.caseId())
                .param("chat", String.valueOf(chatId))
                .param("now", clock.now().atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("""
                INSERT INTO notice_delivery (notice_id, created_seq, status, attempts, sent_at)
                SELECT notice_id, created_seq, 'sent', 1, :now FROM notice WHERE notice_id = :id""")
                .param("id", noticeId)
                .param("now", clock.now().atOffset(ZoneOffset.UTC))
                .update();
    }

    private ResponseEntity<String> press(String secret, long fromChat, String data) {
        String update = """
                {"update_id": 10001,
                 "callback_query": {"id": "cb-%s", "chat_instance": "-5", "data": "%s",
                   "from": {"id": %d, "is_bot": false, "first_name": "Anna", "language_code": "en"},
                   "message": {"message_id": 4101, "date": 1772427600, "text": "Dear Anna Debtor, ...",
                               "chat": {"id": %d, "type": "private", "first_name": "Anna"}}}}"""
                .formatted(UUID.randomUUID(), data, fromChat, fromChat);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (secret != null) {
            headers.set("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return rest.exchange(WEBHOOK, HttpMethod.POST, new HttpEntity<>(update, headers), String.class);
    }

    private List<Freeze> frozen() {
        return freezes.active(debtor.customerId());
    }

    private String lastCallbackAnswer() {
        List<FakeBotApi.Call> answers = BOT_API.calls("answerCallbackQuery");
        assertThat(answers).isNotEmpty();
        return answers.get(answers.size() - 1).body().path("text").asText();
    }

    @Test
    void anUpdateWithoutTheRightSecretIsRefusedAndChangesNothing() {
        ResponseEntity<String> none = press(null, chatId, "confirm:" + noticeId);
        ResponseEntity<String> wrong = press(SECRET.replace('0', '1'), chatId, "confirm:" + noticeId);
        ResponseEntity<String> longer = press(SECRET + "x", chatId, "confirm:" + noticeId);

        assertThat(List.of(none.getStatusCode(), wrong.getStatusCode(), longer.getStatusCode()))
                .containsOnly(HttpStatus.UNAUTHORIZED);
        assertThat(none.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(frozen()).isEmpty();
        assertThat(BOT_API.calls("answerCallbackQuery")).isEmpty();
    }

    @Test
    void pressingConfirmPromisesToPayInAWeekAndThanksTheDebtor() {
        ResponseEntity<String> response = press(SECRET, chatId, "confirm:" + noticeId);

        LocalDate inAWeek = clock.today().plusDays(7);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(frozen()).singleElement().satisfies(freeze -> {
            assertThat(freeze.kind()).isEqualTo("promise");
            assertThat(freeze.until()).isEqualTo(inAWeek);
            assertThat(freeze.amount()).isEqualByComparingTo("1500.00");
            assertThat(freeze.createdBy()).isEqualTo("debtor");
        });
        assertThat(lastCallbackAnswer()).isEqualTo("Thank you! We have noted that you will pay by "
                + DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ENGLISH).format(inAWeek) + ".");
        assertThat(Debtors.currentCase(Api.as(rest, "admin"), debtor.customerId())).containsEntry("status", "suspended");
    }

    @Test
    void pressingConfirmAgainSaysItWasAnsweredAndFreezesNothingMore() {
        press(SECRET, chatId, "confirm:" + noticeId);

        press(SECRET, chatId, "confirm:" + noticeId);

        assertThat(lastCallbackAnswer()).isEqualTo("You have already answered this message.");
        assertThat(frozen()).hasSize(1);
    }

    @Test
    void aPressFromAnotherChatIsAnsweredPolitelyAndChangesNothing() {
        ResponseEntity<String> response = press(SECRET, chatId + 1, "confirm:" + noticeId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(lastCallbackAnswer()).isEqualTo("Sorry, this button can no longer be used.");
        assertThat(frozen()).isEmpty();
        assertThat(BOT_API.calls("sendMessage")).isEmpty();
    }

    @Test
    void unknownOrUnreadableButtonDataIsAnsweredPolitelyAndChangesNothing() {
        for (String data : new String[] {"confirm:" + UUID.randomUUID(), "unsubscribe:" + noticeId, "pay-now",
                "confirm:", "confirm:../../x"}) {
            assertThat(press(SECRET, chatId, data).getStatusCode()).as(data).isEqualTo(HttpStatus.OK);
            assertThat(lastCallbackAnswer()).as(data).isEqualTo("Sorry, this button can no longer be used.");
        }
        assertThat(frozen()).isEmpty();
    }

    @Test
    void pressingPostponeSendsTheSignedLinkToThePageThatAsksForTheDate() {
        press(SECRET, chatId, "postpone:" + noticeId);

        assertThat(BOT_API.calls("sendMessage")).singleElement().satisfies(call -> {
            JsonNode body = call.body();
            assertThat(body.path("chat_id").asLong()).isEqualTo(chatId);
            assertThat(body.path("text").asText()).startsWith("To choose a later payment date, open this link: "
                    + "http://localhost:8080/answer/");
        });
        assertThat(lastCallbackAnswer()).isEqualTo("We have sent you a link.");
        assertThat(frozen()).as("the date is chosen on the page").isEmpty();

        String text = BOT_API.calls("sendMessage").get(0).body().path("text").asText();
        String link = URI.create(text.substring(text.indexOf("http"))).getRawPath();
        ResponseEntity<String> page = rest.exchange(link, HttpMethod.GET, null, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Ask for more time", "1,500.00");
    }

    @Test
    void pressingDisputeSendsTheLinkWhereTheDebtorSaysWhy() {
        press(SECRET, chatId, "dispute:" + noticeId);

        assertThat(BOT_API.calls("sendMessage")).singleElement().satisfies(call -> assertThat(
                call.body().path("text").asText()).startsWith("To tell us what is wrong with the debt, open this link: "));
        assertThat(frozen()).isEmpty();
    }

    @Test
    void otherUpdatesAreAcknowledgedAndIgnored() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Telegram-Bot-Api-Secret-Token", SECRET);
        String message = """
                {"update_id": 10002, "message": {"message_id": 5, "date": 1772427600, "text": "/start",
                 "chat": {"id": %d, "type": "private"}}}""".formatted(chatId);

        ResponseEntity<String> response = rest.exchange(WEBHOOK, HttpMethod.POST, new HttpEntity<>(message, headers),
                String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(BOT_API.calls("sendMessage")).isEmpty();
        assertThat(BOT_API.calls("answerCallbackQuery")).isEmpty();
    }
}
