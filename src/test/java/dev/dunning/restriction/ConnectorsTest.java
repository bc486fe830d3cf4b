package dev.dunning.restriction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.dunning.providers.Provider;
import dev.dunning.providers.Providers;

/** Which connector a case's requests go to, and settings that cannot work stop the start-up, named. */
class ConnectorsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private final Providers providers = mock(Providers.class);

    ConnectorsTest() {
        when(providers.byId("water")).thenReturn(Optional.of(new Provider("water", "Water Co", List.of("water"), null)));
        when(providers.byId("gas")).thenReturn(Optional.empty());
    }

    private static RestrictionProperties settings(String url, String secret,
            Map<String, RestrictionProperties.ProviderConnector> own) {
        return new RestrictionProperties(url == null ? null : URI.create(url), secret, null, null, null, null, own);
    }

    @Test
    void withoutAnAddressThereIsNoConnector() {
        Connectors connectors = new Connectors(settings(null, null, null), providers);

        assertThat(connectors.of(null)).isEmpty();
        assertThat(connectors.of("water")).isEmpty();
    }

    @Test
    void aProvidersOwnConnectorTakesWhatItLeavesOutFromTheDeploymentWideOne() {
        Connectors connectors = new Connectors(settings("https://billing.example/r", SECRET, Map.of("water",
                new RestrictionProperties.ProviderConnector(URI.create("https://water.example/r"), null,
                        Duration.ofSeconds(3), null, null))), providers);

        Connector water = connectors.of("water").orElseThrow();
        assertThat(water.url()).hasToString("https://water.example/r");
        assertThat(water.secret()).isEqualTo(SECRET);
        assertThat(water.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(water.maxAttempts()).isEqualTo(RestrictionProperties.DEFAULT_MAX_ATTEMPTS);
        assertThat(water.name()).isEqualTo("dunning.restriction.providers.water");
        assertThat(connectors.of(null).orElseThrow().url()).hasToString("https://billing.example/r");
        assertThat(connectors.of("heating").orElseThrow().name()).as("a provider without its own").isEqualTo(
                "dunning.restriction");
    }

    @Test
    void everyWrongSettingIsNamed() {
        assertThatThrownBy(() -> new Connectors(settings("ftp://billing.example/r", "short", Map.of("gas",
                new RestrictionProperties.ProviderConnector(URI.create("https://gas.example/r"), SECRET, null, null, null))),
                providers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dunning.restriction.url must be the billing system's http(s) address, not ftp://")
                .hasMessageContaining("dunning.restriction.secret (32 characters or more) is needed")
                .hasMessageContaining("dunning.restriction.providers.gas: there is no provider 'gas'");
        assertThatThrownBy(() -> new Connectors(new RestrictionProperties(URI.create("https://billing.example/r"), SECRET,
                Duration.ZERO, List.of(), 0, null, null), providers))
                .hasMessageContaining("dunning.restriction.timeout must be a positive duration")
                .hasMessageContaining("dunning.restriction.retry-delays must be positive durations")
                .hasMessageContaining("dunning.restriction.max-attempts must be 1 or more, not 0");
    }
}
