package dev.dunning.answers;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of debtors' answers ({@code dunning.answers.*}).
 *
 * @param secret       the key that signs answer links: at least {@value #MIN_SECRET_LENGTH} random characters,
 *                     the same on every node. Required outside the demo and test profiles, which make one up
 *                     and keep it in the database.
 * @param linkValidity how long, in business time, a link in a notice can be used
 */
@ConfigurationProperties("dunning.answers")
record AnswersProperties(String secret, @DefaultValue("P30D") Duration linkValidity) {

    static final int MIN_SECRET_LENGTH = 32;

    AnswersProperties {
        if (secret != null && secret.isBlank()) {
            secret = null;
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("dunning.answers.secret must have at least " + MIN_SECRET_LENGTH
                    + " characters (it has " + secret.length() + "): anyone who guesses it can answer for debtors");
        }
        if (linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalArgumentException("dunning.answers.link-validity must be positive, not " + linkValidity);
        }
    }
}
