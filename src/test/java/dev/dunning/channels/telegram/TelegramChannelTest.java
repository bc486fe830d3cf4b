package dev.dunning.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.contact.ContactKind;
import dev.dunning.ledger.Customer;
import dev.dunning.notify.Channel;
import dev.dunning.notify.Delivery;
import dev.dunning.notify.OutgoingNotice;
import dev.dunning.notify.PermanentDeliveryFailure;

/** Sending notices through the Bot API, and what its error answers mean to the outbox. */
class TelegramChannelTest extends TelegramContext {

    @Autowired
    List<Channel> channels;

    Channel telegram;

    @BeforeEach
    void theTelegramChannel() {
        BOT_API.forget();
        telegram = channels.stream().filter(channel -> channel.name().equals("telegram")).findFirst().orElseThrow();
    }

    private static OutgoingNotice notice(String caseId, String locale, String body) {
        String noticeId = UUID.randomUUID().toString();
        return new OutgoingNotice(noticeId, noticeId, "C-77", caseId, "telegram", "first-reminder", locale, "555001",
                "Payment reminder", body, null, null, null);
    }

    private JsonNode onlySendMessage() {
        assertThat(BOT_API.calls("sendMessage")).hasSize(1);
        return BOT_API.calls("sendMessage").get(0).body();
    }

    @Test
    void theChannelReachesCustomersByTheirChatIdAndCountsAsAMessage() {
        assertThat(telegram.kind()).isEqualTo(ContactKind.MESSAGE);
        assertThat(telegram.address(customer(" 555001 "))).contains("555001");
        assertThat(telegram.address(customer(null))).isEmpty();
        assertThat(telegram.address(customer(" "))).isEmpty();
    }

    private static Customer customer(String chatId) {
        return new Customer("C-77", "Anna", "individual", null, null, chatId, "en", null, null, null, null);
    }

    @Test
    void aCasesNoticeGoesAsAMessageWithThreeAnswerButtonsInItsLanguage() {
        OutgoingNotice notice = notice(UUID.randomUUID().toString(), "en", "Dear Anna, you owe 1,500.00 RUB.");

        Delivery delivery = telegram.send(notice);

        FakeBotApi.Call call = BOT_API.calls("sendMessage").get(0);
        assertThat(call.token()).isEqualTo(TOKEN);
        JsonNode body = call.body();
        assertThat(body.path("chat_id").isIntegralNumber()).isTrue();
        assertThat(body.path("chat_id").asLong()).isEqualTo(555001L);
        assertThat(body.path("text").asText()).isEqualTo("Dear Anna, you owe 1,500.00 RUB.");
        assertThat(body.path("link_preview_options").path("is_disabled").asBoolean()).isTrue();
        JsonNode rows = body.path("reply_markup").path("inline_keyboard");
        assertThat(rows).hasSize(3);
        assertThat(rows.findValuesAsText("text")).containsExactly("Confirm payment date", "Postpone", "Dispute");
        assertThat(rows.findValuesAsText("callback_data")).containsExactly("confirm:" + notice.noticeId(),
                "postpone:" + notice.noticeId(), "dispute:" + notice.noticeId())
                .allSatisfy(data -> assertThat(data.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64));
        assertThat(delivery.providerRef()).matches("\\d+");
    }

    @Test
    void aRussianNoticeHasRussianButtons() {
        telegram.send(notice(UUID.randomUUID().toString(), "ru", "Уважаемая Анна!"));

        assertThat(onlySendMessage().path("reply_markup").path("inline_keyboard").findValuesAsText("text"))
                .containsExactly("Подтвердить дату оплаты", "Отсрочить", "Оспорить");
    }

    @Test
    void aNoticeOutsideACaseHasNoButtons() {
        telegram.send(notice(null, "en", "Your statement is ready."));

        assertThat(onlySendMessage().has("reply_markup")).isFalse();
    }

    @Test
    void aChannelNameIsSentAsTextAndAChatNumberAsANumber() {
        assertThat(TelegramChannel.chatId("-1001234567890")).isEqualTo(-1001234567890L);
        assertThat(TelegramChannel.chatId("@company_debtors")).isEqualTo("@company_debtors");
    }

    @Test
    void aChatNotFoundOrABlockedBotIsAPermanentFailure() {
        BOT_API.answerNext(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        assertThatThrownBy(() -> telegram.send(notice(null, "en", "Hello")))
                .isInstanceOf(PermanentDeliveryFailure.class).hasMessageContaining("400 Bad Request: chat not found");

        BOT_API.answerNext(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
        assertThatThrownBy(() -> telegram.send(notice(null, "en", "Hello")))
                .isInstanceOf(PermanentDeliveryFailure.class).hasMessageContaining("bot was blocked by the user")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void tooManyRequestsAndServerErrorsArePassingFailuresToTryAgain() {
        BOT_API.answerNext(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}");
        assertThatThrownBy(() -> telegram.send(notice(null, "en", "Hello")))
                .isInstanceOfSatisfying(TelegramUnavailableException.class,
                        failure -> assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7)))
                .isNotInstanceOf(PermanentDeliveryFailure.class);

        BOT_API.answerNext(502, "<html>Bad Gateway</html>");
        assertThatThrownBy(() -> telegram.send(notice(null, "en", "Hello")))
                .isInstanceOf(TelegramUnavailableException.class).hasMessageContaining("502");
    }

    @Test
    void aNoticeTooLongForOneMessageFailsPermanentlyWithoutCallingTelegram() {
        assertThatThrownBy(() -> telegram.send(notice(null, "en", "x".repeat(4097))))
                .isInstanceOf(PermanentDeliveryFailure.class).hasMessageContaining("at most 4096");
        assertThat(BOT_API.calls("sendMessage")).isEmpty();
    }

    @Test
    void anUnreachableBotApiIsAPassingFailureThatNamesNeitherTokenNorAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        TelegramApi unreachable = new TelegramApi(new TelegramProperties(true, TOKEN,
                URI.create("http://127.0.0.1:" + closedPort), SECRET, Duration.ofSeconds(2)), RestClient.builder(),
                new ObjectMapper());

        assertThatThrownBy(() -> unreachable.call("sendMessage", Map.of("chat_id", 1, "text", "Hello")))
                .isInstanceOf(TelegramUnavailableException.class)
                .satisfies(failure -> {
                    for (Throwable each = failure; each != null; each = each.getCause()) {
                        assertThat(String.valueOf(each.getMessage())).doesNotContain(TOKEN, "/bot");
                    }
                });
    }

    @Test
    void settingsWithoutTokenOrSecretAreRefusedWhenTelegramIsOn() {
        assertThatThrownBy(() -> new TelegramProperties(true, null, URI.create("https://api.telegram.org"), SECRET,
                Duration.ofSeconds(5))).hasMessageContaining("dunning.notify.telegram.bot-token");
        assertThatThrownBy(() -> new TelegramProperties(true, TOKEN, URI.create("https://api.telegram.org"), "short",
                Duration.ofSeconds(5))).hasMessageContaining("dunning.notify.telegram.webhook-secret");
        assertThat(new TelegramProperties(false, null, URI.create("https://api.telegram.org"), null, Duration.ofSeconds(5)))
                .as("off, nothing is needed").isNotNull();
        assertThat(new TelegramProperties(true, TOKEN, URI.create("https://api.telegram.org"), SECRET,
                Duration.ofSeconds(5)).toString()).doesNotContain(TOKEN, SECRET);
    }
}
