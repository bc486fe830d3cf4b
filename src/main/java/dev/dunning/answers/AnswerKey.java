package dev.dunning.answers;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;

/**
 * The key that signs answer links: {@code dunning.answers.secret}. Only the demo (default) and test profiles
 * may go without it: they make a key once and keep it in the database, so that links in notices survive a
 * restart and every node on that database checks them alike. Any other profile refuses to start without it.
 */
@Component
class AnswerKey {

    private static final Logger log = LoggerFactory.getLogger(AnswerKey.class);
    static final Profiles MAY_GENERATE = Profiles.of("default", "test");

    private final byte[] key;

    AnswerKey(AnswersProperties properties, Environment environment, JdbcClient jdbc, BusinessClock clock) {
        if (properties.secret() != null) {
            this.key = properties.secret().getBytes(StandardCharsets.UTF_8);
        } else if (environment.acceptsProfiles(MAY_GENERATE)) {
            this.key = storedOrNew(jdbc, clock);
        } else {
            throw new IllegalStateException("dunning.answers.secret is not set, so the answer links in notices cannot"
                    + " be signed. Set it (or the environment variable DUNNING_ANSWERS_SECRET) to at least "
                    + AnswersProperties.MIN_SECRET_LENGTH + " random characters, the same on every node; only the demo"
                    + " and test profiles make one up.");
        }
    }

    byte[] bytes() {
        return key.clone();
    }

    private static byte[] storedOrNew(JdbcClient jdbc, BusinessClock clock) {
        Optional<String> stored = stored(jdbc);
        if (stored.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            try {
                jdbc.sql("INSERT INTO answer_link_key (id, secret, created_at) VALUES (1, :secret, :at)")
                        .param("secret", Base64.getUrlEncoder().withoutPadding().encodeToString(random))
                        .param("at", clock.now().atOffset(ZoneOffset.UTC))
                        .update();
                log.info("Answer links are signed with a key made for this database (demo or test profile);"
                        + " production sets dunning.answers.secret");
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // Both started at once: the stored key is the one every node uses.
            }
            stored = stored(jdbc);
        }
        return stored.orElseThrow().getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> stored(JdbcClient jdbc) {
        return jdbc.sql("SELECT secret FROM answer_link_key WHERE id = 1").query(String.class).optional();
    }
}
