package dev.dunning.channels.telegram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dunning.answers.DebtorAction;
import dev.dunning.contact.ContactKind;
import dev.dunning.ledger.Customer;
import dev.dunning.notify.Channel;
import dev.dunning.notify.Delivery;
import dev.dunning.notify.OutgoingNotice;
import dev.dunning.notify.PermanentDeliveryFailure;

/**
 * Notices as Telegram messages from the company's bot ({@code sendMessage}), to the customer's
 * {@code telegram_chat_id}. A notice of a case carries three buttons, labelled in the notice's language:
 * confirm a payment date, postpone, dispute; pressing one comes back through {@link TelegramWebhook}. The
 * provider reference is Telegram's {@code message_id}. Exists only with {@code dunning.notify.telegram.enabled=true}.
 */
@Component
@ConditionalOnProperty(name = "dunning.notify.telegram.enabled", havingValue = "true")
class TelegramChannel implements Channel {

    static final String NAME = "telegram";
    /** A message's longest text, in UTF-16 units as Java counts. */
    static final int MAX_TEXT = 4096;
    private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);

    private final TelegramApi api;
    private final TelegramTexts texts;

    TelegramChannel(TelegramApi api, @Value("${dunning.notify.default-locale:ru}") String defaultLocale) {
        this.api = api;
        this.texts = new TelegramTexts(defaultLocale);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ContactKind kind() {
        return ContactKind.MESSAGE;
    }

    @Override
    public Optional<String> address(Customer customer) {
        String chat = customer.telegramChatId();
        return chat == null || chat.isBlank() ? Optional.empty() : Optional.of(chat.strip());
    }

    @Override
    public Delivery send(OutgoingNotice notice) {
        if (notice.recipient() == null || notice.recipient().isBlank()) {
            throw new PermanentDeliveryFailure("notice " + notice.noticeId() + " has no Telegram chat to go to");
        }
        if (notice.body().length() > MAX_TEXT) {
            throw new PermanentDeliveryFailure("notice " + notice.noticeId() + " has " + notice.body().length()
                    + " characters; a Telegram message holds at most " + MAX_TEXT);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("chat_id", chatId(notice.recipient()));
        request.put("text", notice.body());
        // A preview would make Telegram fetch the answer page and show the debt in the chat list.
        request.put("link_preview_options", Map.of("is_disabled", true));
        if (notice.caseId() != null) {
            keyboard(notice).ifPresent(keyboard -> request.put("reply_markup", Map.of("inline_keyboard", keyboard)));
        }
        JsonNode message = api.call("sendMessage", request);
        JsonNode messageId = message.path("message_id");
        return messageId.canConvertToLong() ? new Delivery(messageId.asText()) : Delivery.accepted();
    }

    private Optional<List<List<Map<String, String>>>> keyboard(OutgoingNotice notice) {
        List<List<Map<String, String>>> rows = new java.util.ArrayList<>();
        for (DebtorAction action : new DebtorAction[] {DebtorAction.CONFIRM, DebtorAction.POSTPONE, DebtorAction.DISPUTE}) {
            CallbackData data = new CallbackData(action, notice.noticeId());
            if (!data.fits()) {
                log.warn("Notice {} goes to Telegram without buttons: its id is too long for a button", notice.noticeId());
                return Optional.empty();
            }
            rows.add(List.of(Map.of("text", texts.text(notice.locale(), "button." + action.code()),
                    "callback_data", data.encode())));
        }
        return Optional.of(rows);
    }

    /** Telegram takes a chat's number as a number, and a channel's {@code @name} as text. */
    static Object chatId(String recipient) {
        String chat = recipient.strip();
        return chat.matches("-?\\d{1,19}") ? (Object) Long.parseLong(chat) : chat;
    }
}
