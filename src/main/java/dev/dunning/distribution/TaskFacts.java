package dev.dunning.distribution;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What the assignment rules look at about a new task and its customer. Fields may be null when unknown (a customer
 * without a building, a customer-wide case has no provider).
 *
 * @param taskKey         the task's definition key in the plan ({@code callDebtor})
 * @param candidateGroups the groups the plan offers the task to ({@code collectors})
 * @param customerId      the customer the task is about, null for a task about no customer
 * @param building        the customer's building code
 * @param address         the customer's address
 * @param locale          the customer's language tag ({@code ru}, {@code en-GB})
 * @param services        the services of the customer's unpaid invoices (of the case's provider, for a provider's case)
 * @param amount          the customer's conditional debt
 * @param provider        the provider id of a provider's case, null for a customer-wide case
 */
record TaskFacts(String taskKey, Set<String> candidateGroups, String customerId, String building, String address,
        String locale, Set<String> services, BigDecimal amount, String provider) {

    TaskFacts {
        candidateGroups = Set.copyOf(candidateGroups);
        services = Set.copyOf(services);
        amount = amount == null ? BigDecimal.ZERO : amount;
    }
}
