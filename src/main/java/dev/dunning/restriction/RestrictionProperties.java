package dev.dunning.restriction;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The restriction connector ({@code dunning.restriction.*}): where Dunning posts its requests to restrict and restore
 * a debtor's service, and how it retries. The deployment-wide settings apply to cases without a provider and to every
 * provider that does not set its own ({@code dunning.restriction.providers.<id>.*}). Without a {@code url} there is no
 * connector, and the plans leave the restriction to the managers' task.
 *
 * @param url          where requests are posted (http or https); empty: no deployment-wide connector
 * @param secret       the key of the HMAC-SHA256 signature, 32 characters or more
 * @param timeout      how long one attempt may take, connecting included (default 15 seconds)
 * @param retryDelays  the wait after the 1st, 2nd, ... attempt that could not get an answer; the last one repeats
 * @param maxAttempts  attempts in all before the request is given up as failed (the managers then take over)
 * @param sendingLease how long a node may take over one attempt before another node believes it lost and sends the
 *                     request again, under the same request id
 * @param providers    a provider's own connector, by provider id; an unset value falls back on the one above
 */
@ConfigurationProperties("dunning.restriction")
record RestrictionProperties(URI url, String secret, Duration timeout, List<Duration> retryDelays,
        Integer maxAttempts, Duration sendingLease, Map<String, ProviderConnector> providers) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2));
    static final int DEFAULT_MAX_ATTEMPTS = 8;

    RestrictionProperties {
        sendingLease = sendingLease == null ? Duration.ofMinutes(5) : sendingLease;
        providers = providers == null ? Map.of() : new TreeMap<>(providers);
    }

    /** One provider's connector; what it leaves unset is the deployment-wide setting. */
    record ProviderConnector(URI url, String secret, Duration timeout, List<Duration> retryDelays, Integer maxAttempts) {
    }
}
