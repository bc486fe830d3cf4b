package dev.dunning.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dunning.ledger.SearchText;
import dev.dunning.providers.Provider;
import dev.dunning.providers.Providers;

/**
 * Which part of the debt picture a manager looks at: a customer group, a plan, a building, a service, a provider (its
 * services, {@code providerServices}); null or blank for all. Applies to the picture's tables ({@code debt_position}, {@code debt_day}, {@code collection_day}), whose
 * key columns hold empty text for "none"; {@code collection_day} has no service, since payments are the customer's.
 * Each value is compared for equality as typed (a bind parameter); one too long or with a control character is
 * refused ({@link SearchText}).
 */
public record PictureFilter(String group, String plan, String building, String service, String provider,
        List<String> providerServices) {

    public static final PictureFilter ALL = new PictureFilter(null, null, null, null);

    public PictureFilter {
        group = SearchText.typed("group", group);
        plan = SearchText.typed("plan", plan);
        building = SearchText.typed("building", building);
        service = SearchText.typed("service", service);
        provider = SearchText.typed("provider", provider);
        providerServices = providerServices == null ? null : List.copyOf(providerServices);
    }

    public PictureFilter(String group, String plan, String building, String service) {
        this(group, plan, building, service, null, null);
    }

    /** This filter narrowed to one provider's services; an unknown provider is refused, naming the known ones. */
    public PictureFilter forProvider(String providerId, Providers providers) {
        String id = SearchText.typed("provider", providerId);
        if (id == null) {
            return this;
        }
        Provider chosen = providers.byId(id).orElseThrow(() -> new IllegalArgumentException("provider: '" + id
                + "' is not one of this deployment's providers (" + (providers.all().isEmpty()
                        ? "none are configured: dunning.providers.list"
                        : String.join(", ", providers.all().stream().map(Provider::id).toList())) + ")"));
        return new PictureFilter(group, plan, building, service, chosen.id(), chosen.services());
    }

    public boolean isAll() {
        return group == null && plan == null && building == null && service == null && provider == null;
    }

    /**
     * The filter as SQL conditions over the table aliased {@code alias} ("1 = 1" when it keeps everything), with the
     * values put into {@code params} under names prefixed {@code filter_}. {@code withService}: whether the table has
     * a service column.
     */
    public String where(String alias, boolean withService, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        add(conditions, params, alias, "group_name", group);
        add(conditions, params, alias, "plan_key", plan);
        add(conditions, params, alias, "building", building);
        if (withService) {
            add(conditions, params, alias, "service", service);
            if (providerServices != null) {
                params.put("filter_provider_services", providerServices);
                conditions.add(alias + ".service IN (:filter_provider_services)");
            }
        }
        return conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
    }

    private static void add(List<String> conditions, Map<String, Object> params, String alias, String column,
            String value) {
        if (value != null) {
            params.put("filter_" + column, value);
            conditions.add(alias + "." + column + " = :filter_" + column);
        }
    }
}
