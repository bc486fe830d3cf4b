package dev.dunning.notify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customers and notice requests for the integration tests. Customers are inserted directly: the import
 * module is written in parallel. Every id is new, because the test context is shared.
 */
final class TestCustomers {

    static final String NAME = "Иван Петров";

    private TestCustomers() {
    }

    static String insert(JdbcClient jdbc, String email, String locale) {
        String customerId = "notify-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO customer (customer_id, name, group_name, email, locale, updated_at)
                VALUES (:id, :name, 'individual', :email, :locale, :now)""")
                .param("id", customerId)
                .param("name", NAME)
                .param("email", email)
                .param("locale", locale)
                .param("now", OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC))
                .update();
        return customerId;
    }

    static String newCaseId() {
        return UUID.randomUUID().toString();
    }

    /** What a plan step passes: the debt as the ledger reports it on the business date. */
    static NoticeRequest request(String customerId, String caseId, String template, LocalDate today) {
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", NAME);
        model.put("caseId", caseId);
        model.put("currency", "RUB");
        model.put("realDebt", new BigDecimal("12345.67"));
        model.put("conditionalDebt", new BigDecimal("12345.67"));
        model.put("balance", new BigDecimal("12345.67"));
        model.put("oldestDueOn", LocalDate.of(2026, 2, 10));
        model.put("today", today);
        return new NoticeRequest(customerId, caseId, template, List.of("email"), model);
    }
}
