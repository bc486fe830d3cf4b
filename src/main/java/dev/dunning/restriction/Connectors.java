package dev.dunning.restriction;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.dunning.providers.Providers;

/**
 * The configured connectors, checked at start-up with every problem named by its setting: a provider's connector
 * must be a known provider's, and each connector that has an address needs a secret to sign with.
 */
@Component
class Connectors {

    private static final String PREFIX = "dunning.restriction";
    private static final int MIN_SECRET_LENGTH = 32;

    private final Connector deploymentWide;
    private final Map<String, Connector> byProvider = new HashMap<>();
    private final Duration sendingLease;

    Connectors(RestrictionProperties properties, Providers providers) {
        List<String> problems = new ArrayList<>();
        Duration timeout = orDefault(properties.timeout(), RestrictionProperties.DEFAULT_TIMEOUT);
        List<Duration> delays = orDefault(properties.retryDelays(), RestrictionProperties.DEFAULT_RETRY_DELAYS);
        int maxAttempts = orDefault(properties.maxAttempts(), RestrictionProperties.DEFAULT_MAX_ATTEMPTS);
        this.deploymentWide = check(PREFIX, properties.url(), properties.secret(), timeout, delays, maxAttempts, problems);
        properties.providers().forEach((id, own) -> {
            String name = PREFIX + ".providers." + id;
            if (providers.byId(id).isEmpty()) {
                problems.add(name + ": there is no provider '" + id + "' in dunning.providers.list.<id>");
                return;
            }
            Connector connector = check(name, own.url() != null ? own.url() : properties.url(),
                    own.secret() != null ? own.secret() : properties.secret(), orDefault(own.timeout(), timeout),
                    orDefault(own.retryDelays(), delays), orDefault(own.maxAttempts(), maxAttempts), problems);
            if (connector != null) {
                byProvider.put(id, connector);
            }
        });
        if (properties.sendingLease().isNegative() || properties.sendingLease().isZero()) {
            problems.add(PREFIX + ".sending-lease must be a positive duration such as PT5M, not "
                    + properties.sendingLease());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the restriction connector's settings are wrong: " + String.join("; ", problems));
        }
        this.sendingLease = properties.sendingLease();
    }

    /** The connector for a case of {@code providerId} (null: a customer-wide case), if there is one. */
    Optional<Connector> of(String providerId) {
        if (providerId != null && byProvider.containsKey(providerId)) {
            return Optional.of(byProvider.get(providerId));
        }
        return Optional.ofNullable(deploymentWide);
    }

    Duration sendingLease() {
        return sendingLease;
    }

    private static Connector check(String name, URI url, String secret, Duration timeout, List<Duration> delays,
            int maxAttempts, List<String> problems) {
        if (url == null || url.toString().isBlank()) {
            return null;
        }
        int before = problems.size();
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            problems.add(name + ".url must be the billing system's http(s) address, not " + url);
        }
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            problems.add(name + ".secret (" + MIN_SECRET_LENGTH + " characters or more) is needed to sign the requests");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add(name + ".timeout must be a positive duration such as 15s, not " + timeout);
        }
        if (delays.isEmpty() || delays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            problems.add(name + ".retry-delays must be positive durations such as 1m,5m,30m,2h, not " + delays);
        }
        if (maxAttempts < 1) {
            problems.add(name + ".max-attempts must be 1 or more, not " + maxAttempts);
        }
        return problems.size() > before ? null
                : new Connector(name, url, secret.strip(), timeout, delays, maxAttempts);
    }

    private static <T> T orDefault(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
