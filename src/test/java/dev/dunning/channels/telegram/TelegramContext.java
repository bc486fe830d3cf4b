package dev.dunning.channels.telegram;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with Telegram switched on, talking to a {@link FakeBotApi}: a context and an H2 database of
 * its own, shared by the Telegram tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-telegram-test;DB_CLOSE_DELAY=-1",
        "dunning.notify.telegram.enabled=true",
        "dunning.notify.telegram.bot-token=" + TelegramContext.TOKEN,
        "dunning.notify.telegram.webhook-secret=" + TelegramContext.SECRET,
        "dunning.notify.telegram.timeout=PT5S"})
abstract class TelegramContext {

    static final String TOKEN = "123456:test-bot-token_ABC";
    static final String SECRET = "webhook-secret-0123456789";
    static final FakeBotApi BOT_API = FakeBotApi.start();

    @DynamicPropertySource
    static void botApi(DynamicPropertyRegistry properties) {
        properties.add("dunning.notify.telegram.api-url", BOT_API::url);
    }
}
