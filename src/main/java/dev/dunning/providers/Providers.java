package dev.dunning.providers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

/**
 * The deployment's providers and which of them an invoice's service belongs to. Settings are checked at start-up:
 * a service may belong to one provider only, ids are codes, names are given.
 */
@Service
public class Providers {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final boolean separate;
    private final List<Provider> all;
    private final Map<String, Provider> byId = new HashMap<>();
    private final Map<String, Provider> byService = new HashMap<>();

    Providers(ProvidersProperties properties) {
        this.separate = properties.separate();
        List<Provider> providers = new ArrayList<>();
        properties.list().forEach((id, settings) -> {
            String where = "dunning.providers.list." + id;
            if (!CODE.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": a provider id is a code of letters, digits, '_', '.' "
                        + "or '-' (at most 64), not '" + id + "'");
            }
            if (settings.name() == null || settings.name().isBlank()) {
                throw new IllegalArgumentException(where + ".name: every provider needs the name debtors see");
            }
            List<String> services = settings.services() == null ? List.of() : settings.services().stream()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (services.isEmpty()) {
                throw new IllegalArgumentException(where + ".services: name the invoice services that are this "
                        + "provider's (the service column of the invoice registry)");
            }
            Provider provider = new Provider(id, settings.name().trim(), services,
                    settings.plan() == null || settings.plan().isBlank() ? null : settings.plan().trim());
            for (String service : services) {
                Provider earlier = byService.putIfAbsent(service, provider);
                if (earlier != null) {
                    throw new IllegalArgumentException(where + ".services: service '" + service
                            + "' is already provider '" + earlier.id() + "''s; a service has one provider");
                }
            }
            byId.put(id, provider);
            providers.add(provider);
        });
        if (separate && providers.isEmpty()) {
            throw new IllegalArgumentException("dunning.providers.separate=true needs at least one provider in "
                    + "dunning.providers.list.<id>");
        }
        this.all = List.copyOf(providers);
    }

    /** A deployment without providers: every customer's debt is worked as one. */
    public static Providers none() {
        return new Providers(new ProvidersProperties(false, Map.of()));
    }

    /** Whether each provider's debts make cases of their own. */
    public boolean workSeparately() {
        return separate;
    }

    /** Every provider, by id. */
    public List<Provider> all() {
        return all;
    }

    public Optional<Provider> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** The provider an invoice's service belongs to, if any. */
    public Optional<Provider> ofService(String service) {
        return service == null ? Optional.empty() : Optional.ofNullable(byService.get(service));
    }
}
