package dev.dunning.ledger;

import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Which customers of a batch exist: invoices and payments may only refer to imported customers. */
final class KnownCustomers {

    private KnownCustomers() {
    }

    static Set<String> among(JdbcClient jdbc, Set<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT customer_id FROM customer WHERE customer_id IN (:ids)")
                .param("ids", customerIds)
                .query(String.class)
                .list());
    }

    static String unknown(String customerId) {
        return "customer " + customerId + " does not exist; import it with the customers registry first";
    }
}
