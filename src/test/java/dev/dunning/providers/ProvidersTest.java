package dev.dunning.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dunning.providers.ProvidersProperties.ProviderSettings;

/** The providers' settings: which services are whose, and the mistakes refused at start-up, naming the setting. */
class ProvidersTest {

    @Test
    void anInvoiceServiceBelongsToTheProviderThatListsIt() {
        Providers providers = providers(true, Map.of(
                "water", new ProviderSettings("Vodokanal", List.of("water", " sewage "), null),
                "heating", new ProviderSettings("Teploset", List.of("heating"), "utilities-individual")));

        assertThat(providers.ofService("sewage")).map(Provider::id).contains("water");
        assertThat(providers.ofService("heating")).map(Provider::plan).contains("utilities-individual");
        assertThat(providers.ofService("gas")).isEmpty();
        assertThat(providers.ofService(null)).isEmpty();
        assertThat(providers.all()).extracting(Provider::id).containsExactly("heating", "water");
        assertThat(providers.workSeparately()).isTrue();
    }

    @Test
    void aServiceListedByTwoProvidersIsRefusedNamingBoth() {
        assertThatThrownBy(() -> providers(false, Map.of(
                "a-water", new ProviderSettings("Vodokanal", List.of("water"), null),
                "b-water", new ProviderSettings("Other", List.of("water"), null))))
                .hasMessageContaining("dunning.providers.list.b-water.services")
                .hasMessageContaining("'water' is already provider 'a-water''s");
    }

    @Test
    void aProviderWithoutNameOrServicesOrWithABadIdIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> providers(false, Map.of("water", new ProviderSettings(" ", List.of("water"), null))))
                .hasMessageStartingWith("dunning.providers.list.water.name");
        assertThatThrownBy(() -> providers(false, Map.of("water", new ProviderSettings("Vodokanal", List.of(), null))))
                .hasMessageStartingWith("dunning.providers.list.water.services");
        assertThatThrownBy(() -> providers(false, Map.of("wa ter", new ProviderSettings("V", List.of("water"), null))))
                .hasMessageContaining("'wa ter'");
    }

    @Test
    void workingProvidersSeparatelyWithoutProvidersIsRefused() {
        assertThatThrownBy(() -> providers(true, Map.of()))
                .hasMessageContaining("dunning.providers.separate=true needs at least one provider");
        assertThat(Providers.none().workSeparately()).isFalse();
    }

    private static Providers providers(boolean separate, Map<String, ProviderSettings> list) {
        return new Providers(new ProvidersProperties(separate, list));
    }
}
