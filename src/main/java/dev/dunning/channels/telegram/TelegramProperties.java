package dev.dunning.channels.telegram;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Telegram channel ({@code dunning.notify.telegram.*}), checked only when it is enabled.
 *
 * @param enabled       sends notices through a Telegram bot; off by default
 * @param botToken      the bot's token from @BotFather ({@code 123456:ABC-...}); it is a password
 * @param apiUrl        the Bot API's address
 * @param webhookSecret what Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token} with every update (the
 *                      {@code secret_token} given to {@code setWebhook}): 16 to 256 of A-Z, a-z, 0-9, _ and -
 * @param timeout       how long one call to the Bot API may take, to connect and to answer
 */
@ConfigurationProperties("dunning.notify.telegram")
record TelegramProperties(
        @DefaultValue("false") boolean enabled,
        String botToken,
        @DefaultValue("https://api.telegram.org") URI apiUrl,
        String webhookSecret,
        @DefaultValue("PT20S") Duration timeout) {

    TelegramProperties {
        if (enabled) {
            if (botToken == null || !botToken.strip().matches("\\d+:[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("dunning.notify.telegram.bot-token must be the bot's token from"
                        + " @BotFather (digits, a colon, then letters, digits, _ and -) when Telegram is enabled");
            }
            botToken = botToken.strip();
            if (webhookSecret == null || !webhookSecret.strip().matches("[A-Za-z0-9_-]{16,256}")) {
                throw new IllegalArgumentException("dunning.notify.telegram.webhook-secret must be 16 to 256 of A-Z,"
                        + " a-z, 0-9, _ and - when Telegram is enabled: it proves that button presses come from"
                        + " Telegram (give the same value to setWebhook as secret_token)");
            }
            webhookSecret = webhookSecret.strip();
            if (apiUrl == null || apiUrl.getHost() == null
                    || !("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme()))) {
                throw new IllegalArgumentException("dunning.notify.telegram.api-url must be an http(s) address, not "
                        + apiUrl);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("dunning.notify.telegram.timeout must be positive, not " + timeout);
            }
        }
    }

    @Override
    public String toString() {
        // The token and the secret are passwords: keep them out of logs and failure analyses.
        return "TelegramProperties[enabled=" + enabled + ", apiUrl=" + apiUrl + ", timeout=" + timeout + "]";
    }
}
