package dev.dunning.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class TelegramHealthTest extends TelegramContext {

    @Autowired
    TelegramApi api;

    @BeforeEach
    void forgetCalls() {
        BOT_API.forget();
    }

    @Test
    void aWorkingTokenIsUpWithTheBotsNameAndAskedOnlyOnceAMinute() {
        TelegramHealth health = new TelegramHealth(api);

        Health first = health.health();
        health.health();

        assertThat(first.getStatus()).isEqualTo(Status.UP);
        assertThat(first.getDetails()).containsEntry("bot", "dunning_test_bot");
        assertThat(BOT_API.calls("getMe")).hasSize(1);
    }

    @Test
    void aRefusedTokenIsDownAndTheDetailsDoNotCarryTheToken() {
        BOT_API.answerNext(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");

        Health health = new TelegramHealth(api).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("error"))).contains("401").doesNotContain(TOKEN);
    }
}
