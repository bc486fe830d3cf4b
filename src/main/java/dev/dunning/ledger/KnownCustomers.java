package dev.dunning.ledger;

import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/** Which customers of a batch exist: invoices and payments may only refer to imported customers. */
final class KnownCustomers {

    private KnownCustomers() {
    }

    static Set<String> among(JdbcTemplate jdbc, Set<String> customerIds) {
        return new HashSet<>(IdLookup.query(jdbc, "SELECT customer_id FROM customer WHERE customer_id = ANY (?)",
                customerIds, (rs, row) -> rs.getString(1)));
    }

    static String unknown(String customerId) {
        return "customer " + customerId + " does not exist; import it with the customers registry first";
    }
}
