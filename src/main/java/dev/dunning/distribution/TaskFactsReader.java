package dev.dunning.distribution;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.OpenInvoice;

/** Looks up what the rules match on about a task's customer: building, address, language, services, debt. */
@Component
class TaskFactsReader {

    private final Ledger ledger;

    TaskFactsReader(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * @param provider the provider id of a provider's case: then only that provider's part of the debt counts (its services,
     *                 its conditional debt); null for a
     *                 customer-wide case
     */
    TaskFacts of(String taskKey, Collection<String> candidateGroups, String customerId, String provider) {
        if (customerId == null) {
            return new TaskFacts(taskKey, Set.copyOf(candidateGroups), null, null, null, null, Set.of(), BigDecimal.ZERO,
                    provider);
        }
        Customer customer = ledger.customer(customerId).orElse(null);
        Set<String> services = new TreeSet<>();
        // a provider's case looks at that provider's part of the debt only
        for (OpenInvoice invoice : ledger.openInvoices(customerId, provider)) {
            if (invoice.service() != null) {
                services.add(invoice.service());
            }
        }
        return new TaskFacts(taskKey, Set.copyOf(candidateGroups), customerId,
                customer == null ? null : customer.building(), customer == null ? null : customer.address(),
                customer == null ? null : customer.locale(), services, ledger.debtOf(customerId, provider).conditionalDebt(),
                provider);
    }
}
