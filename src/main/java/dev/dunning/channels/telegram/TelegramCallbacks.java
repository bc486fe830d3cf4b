package dev.dunning.channels.telegram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dunning.answers.AnswerChoices;
import dev.dunning.answers.AnswerRefusedException;
import dev.dunning.answers.DebtorAction;
import dev.dunning.answers.DebtorAnswer;
import dev.dunning.answers.DebtorAnswers;
import dev.dunning.notify.NoticeLinks;

/**
 * A debtor pressed a button under a notice. The press counts only from the chat the notice went to. Confirm
 * needs nothing more: the debtor promises to pay by the date the plan offers (a week ahead, or its limit) and
 * Telegram shows a short thank-you. Postpone and dispute need a date or a comment, so the bot sends the signed
 * link to the answer page. A press that names another chat's notice, an unknown notice, unknown data or a notice
 * whose case has ended is answered politely and changes nothing.
 */
@Component
@ConditionalOnProperty(name = "dunning.notify.telegram.enabled", havingValue = "true")
class TelegramCallbacks {

    private static final Logger log = LoggerFactory.getLogger(TelegramCallbacks.class);

    private final TelegramApi api;
    private final TelegramNotices notices;
    private final DebtorAnswers answers;
    private final NoticeLinks links;
    private final TelegramTexts texts;

    TelegramCallbacks(TelegramApi api, TelegramNotices notices, DebtorAnswers answers, NoticeLinks links,
            @Value("${dunning.notify.default-locale:ru}") String defaultLocale) {
        this.api = api;
        this.notices = notices;
        this.answers = answers;
        this.links = links;
        this.texts = new TelegramTexts(defaultLocale);
    }

    /** Handles one {@code callback_query} of an update. */
    void handle(JsonNode callback) {
        String callbackId = callback.path("id").asText(null);
        if (callbackId == null) {
            return;
        }
        JsonNode chat = callback.path("message").path("chat").path("id");
        String chatId = chat.isIntegralNumber() || chat.isTextual() ? chat.asText() : null;
        Optional<CallbackData> data = CallbackData.parse(callback.path("data").asText(null));
        Optional<TelegramNotices.SentNotice> notice = data.flatMap(pressed -> notices.find(pressed.noticeId()))
                .filter(found -> TelegramChannel.NAME.equals(found.channel()) && found.caseId() != null)
                .filter(found -> chatId != null && found.recipient() != null && chatId.equals(found.recipient().strip()));
        if (notice.isEmpty()) {
            // Say nothing about the notice: the chat that pressed may not be the debtor's.
            reply(callbackId, texts.text(callback.path("from").path("language_code").asText(null), "not-this-chat"));
            log.info("Telegram button press refused: notice {} is unknown or not this chat's",
                    data.map(CallbackData::noticeId).orElse("(unreadable)"));
            return;
        }
        TelegramNotices.SentNotice sent = notice.get();
        DebtorAction action = data.get().action();
        String locale = sent.locale();
        if (answers.answered(sent.noticeId(), action)) {
            reply(callbackId, texts.text(locale, "already-answered"));
            return;
        }
        try {
            answers.requireCaseInWork(sent.customerId(), sent.caseId());
        } catch (AnswerRefusedException e) {
            reply(callbackId, texts.text(locale, e.reason() == AnswerRefusedException.Reason.NOTHING_OWED
                    ? "nothing-owed" : "not-this-chat"));
            log.info("Telegram button press refused ({}): notice {}, customer {}, case {}", e.reason().code(),
                    sent.noticeId(), sent.customerId(), sent.caseId());
            return;
        }
        AnswerChoices choices = answers.choices(sent.customerId(), sent.caseId());
        if (choices.nothingOwed()) {
            reply(callbackId, texts.text(locale, "nothing-owed"));
            return;
        }
        if (action == DebtorAction.CONFIRM) {
            confirm(callbackId, sent, choices);
        } else {
            String link = links.linksFor(sent.noticeId(), sent.customerId(), sent.caseId(), TelegramChannel.NAME)
                    .get(action.code());
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("chat_id", TelegramChannel.chatId(sent.recipient()));
            message.put("text", texts.text(locale, "link." + action.code(), link));
            message.put("link_preview_options", Map.of("is_disabled", true));
            send("sendMessage", message, sent.noticeId());
            reply(callbackId, texts.text(locale, "link-sent"));
        }
    }

    private void confirm(String callbackId, TelegramNotices.SentNotice sent, AnswerChoices choices) {
        try {
            answers.answer(new DebtorAnswer(sent.noticeId(), sent.customerId(), sent.caseId(), DebtorAction.CONFIRM,
                    TelegramChannel.NAME, choices.payByDefault(), null, TelegramChannel.NAME, null));
        } catch (AnswerRefusedException e) {
            reply(callbackId, texts.text(sent.locale(), switch (e.reason()) {
                case NOTHING_OWED -> "nothing-owed";
                case ALREADY_ANSWERED -> "already-answered";
                default -> "not-this-chat";
            }));
            return;
        }
        reply(callbackId, texts.text(sent.locale(), "confirmed", texts.date(sent.locale(), choices.payByDefault())));
    }

    /** Stops the button's spinner with a short text; the answer itself is already recorded. */
    private void reply(String callbackId, String text) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("callback_query_id", callbackId);
        answer.put("text", text);
        send("answerCallbackQuery", answer, null);
    }

    private void send(String method, Map<String, Object> request, String noticeId) {
        try {
            api.call(method, request);
        } catch (RuntimeException e) {
            // The debtor's answer stands; a lost reply only leaves the button spinning for a while.
            log.warn("Telegram {} failed{}: {}", method, noticeId == null ? "" : " for notice " + noticeId, e.getMessage());
        }
    }
}
