package dev.dunning.providers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The providers of the deployment ({@code dunning.providers.*}).
 *
 * @param separate whether each provider's debts are worked in cases of their own; otherwise a customer has one case
 *                 for all they owe, and providers only name the payee on letters and restriction connectors
 * @param list     the providers by id ({@code dunning.providers.list.<id>.name}, {@code .services}, {@code .plan})
 */
@ConfigurationProperties("dunning.providers")
record ProvidersProperties(@DefaultValue("false") boolean separate, Map<String, ProviderSettings> list) {

    ProvidersProperties {
        list = list == null ? Map.of() : new TreeMap<>(list);
    }

    record ProviderSettings(String name, List<String> services, String plan) {
    }
}
