package dev.dunning.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.DunningTest;

@DunningTest
class AnswerKeyTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    AnswerKey applicationKey;

    private static AnswersProperties properties(String secret) {
        return new AnswersProperties(secret, Duration.ofDays(30));
    }

    private static MockEnvironment profiles(String... active) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(active);
        return environment;
    }

    @Test
    void productionRefusesToStartWithoutASecretAndSaysWhatToSet() {
        assertThatThrownBy(() -> new AnswerKey(properties(null), profiles("postgres"), jdbc, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dunning.answers.secret is not set")
                .hasMessageContaining("DUNNING_ANSWERS_SECRET")
                .hasMessageContaining("at least 32 random characters");
        assertThatThrownBy(() -> new AnswerKey(properties("   "), profiles("prod"), jdbc, clock))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> properties("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dunning.answers.secret must have at least 32 characters (it has 5)");
    }

    @Test
    void aGivenSecretIsTheKeyInEveryProfile() {
        String secret = "0123456789abcdef0123456789abcdef-production";

        assertThat(new AnswerKey(properties(secret), profiles("postgres"), jdbc, clock).bytes())
                .isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTestAndDemoProfilesKeepTheirMadeUpKeyInTheDatabaseSoThatLinksSurviveARestart() {
        String stored = jdbc.sql("SELECT secret FROM answer_link_key WHERE id = 1").query(String.class).single();

        assertThat(stored).hasSizeGreaterThanOrEqualTo(AnswersProperties.MIN_SECRET_LENGTH);
        assertThat(applicationKey.bytes()).isEqualTo(stored.getBytes(StandardCharsets.UTF_8));
        // Another node, or this one after a restart, on the same database.
        assertThat(new AnswerKey(properties(null), profiles("test"), jdbc, clock).bytes()).isEqualTo(applicationKey.bytes());
        assertThat(new AnswerKey(properties(null), profiles(), jdbc, clock).bytes())
                .as("no profile is the demo").isEqualTo(applicationKey.bytes());
    }
}
