package dev.dunning.channels.telegram;

import java.time.Duration;

/**
 * A passing failure of the Bot API (too many requests, a server error, no connection): the outbox tries again
 * later. The message names no chat and no token.
 */
class TelegramUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    TelegramUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long Telegram asked to wait (429's {@code retry_after}), or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
