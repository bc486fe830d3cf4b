package dev.dunning.notify;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notify feature ({@code dunning.notify.*}).
 *
 * @param fallbackChannel used when none of a request's channels is enabled and reaches the customer
 * @param defaultLocale   template folder used when the customer's locale has no template
 * @param companyName     the sender's name, given to every template as {@code companyName}
 * @param maxAttempts     delivery attempts before a notice is marked {@code failed}
 * @param retryDelays     wait after the 1st, 2nd, ... failed attempt; the last one repeats
 * @param sendingLease    how long a node may hold a notice while sending it; after that another node may
 *                        take it over (the first one crashed). Must exceed the channels' own timeouts.
 * @param batchSize       notices claimed per query
 * @param senders         notices one node hands to channels at the same time
 * @param paymentUrl      where a debtor pays, given to templates as {@code paymentLink}; {@code {customerId}} is
 *                        replaced by the customer's id; empty: no payment link
 * @param email           the email channel
 */
@ConfigurationProperties("dunning.notify")
record NotifyProperties(
        @DefaultValue("log") String fallbackChannel,
        @DefaultValue("ru") String defaultLocale,
        @DefaultValue("Dunning demo") String companyName,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue({"PT1M", "PT5M", "PT30M", "PT2H", "PT12H"}) List<Duration> retryDelays,
        @DefaultValue("PT5M") Duration sendingLease,
        @DefaultValue("100") int batchSize,
        @DefaultValue("16") int senders,
        String paymentUrl,
        @DefaultValue Email email) {

    /**
     * @param enabled sends through Spring's {@code JavaMailSender} ({@code spring.mail.*}); off by default so
     *                that the demo needs no mail server
     * @param from    the sender address, required when enabled
     */
    record Email(@DefaultValue("false") boolean enabled, String from) {
    }

    NotifyProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("dunning.notify.max-attempts must be at least 1, not " + maxAttempts);
        }
        if (retryDelays.isEmpty() || retryDelays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("dunning.notify.retry-delays must list positive durations, not " + retryDelays);
        }
        if (sendingLease.isNegative() || sendingLease.isZero()) {
            throw new IllegalArgumentException("dunning.notify.sending-lease must be positive, not " + sendingLease);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("dunning.notify.batch-size must be at least 1, not " + batchSize);
        }
        if (senders < 1 || senders > 64) {
            throw new IllegalArgumentException("dunning.notify.senders must be 1 to 64, not " + senders);
        }
        if (paymentUrl != null && !paymentUrl.isBlank() && !paymentUrl.matches("https?://\\S+")) {
            throw new IllegalArgumentException("dunning.notify.payment-url must be an http(s) address, not " + paymentUrl);
        }
        retryDelays = List.copyOf(retryDelays);
    }
}
