package dev.dunning.channels.telegram;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.dunning.answers.DebtorAction;

/**
 * What a button under a notice says when pressed: {@code <action>:<notice id>}, at most
 * {@value #MAX_BYTES} bytes as Telegram allows ({@code confirm:0b6f...}, 44 bytes for a UUID).
 */
record CallbackData(DebtorAction action, String noticeId) {

    static final int MAX_BYTES = 64;

    String encode() {
        return action.code() + ":" + noticeId;
    }

    /** Whether it fits in a button; a notice id longer than Telegram allows gets no buttons. */
    boolean fits() {
        return encode().getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** The buttons' data; anything else (another bot's, an old format, a forged one) is empty. */
    static Optional<CallbackData> parse(String data) {
        if (data == null || data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.empty();
        }
        int colon = data.indexOf(':');
        if (colon < 1 || colon == data.length() - 1) {
            return Optional.empty();
        }
        String noticeId = data.substring(colon + 1);
        return DebtorAction.ofCode(data.substring(0, colon))
                .filter(DebtorAction::answersTheDebt)
                .filter(action -> noticeId.matches("[A-Za-z0-9-]+"))
                .map(action -> new CallbackData(action, noticeId));
    }
}
