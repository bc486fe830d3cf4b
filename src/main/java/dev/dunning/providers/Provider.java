package dev.dunning.providers;

import java.util.List;

/**
 * A supplier whose services one bill carries (housing: the water company, the heating company, the waste
 * collector; telecom: each operator). Where the deployment works debts per provider, each provider's invoices make
 * their own cases, on the provider's plan.
 *
 * @param id       the provider's code, as settings and reports name it ({@code dunning.providers.<id>.*})
 * @param name     the provider's name as debtors and reports see it
 * @param services the invoice {@code service} codes that are this provider's
 * @param plan     the plan its cases run, or {@code null} for the plan the customer's group chooses
 */
public record Provider(String id, String name, List<String> services, String plan) {

    public Provider {
        services = List.copyOf(services);
    }
}
