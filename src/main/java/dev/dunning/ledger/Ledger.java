package dev.dunning.ledger;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other features may ask the ledger: who a customer is and what they owe. */
@Service
public class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> customer(String customerId) {
        return jdbc.sql("""
                SELECT customer_id, name, group_name AS "group", email, phone, telegram_chat_id, locale, time_zone,
                       plan, address, building
                FROM customer WHERE customer_id = :id""")
                .param("id", customerId)
                .query(Customer.class)
                .optional();
    }
}
