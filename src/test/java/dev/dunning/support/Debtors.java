package dev.dunning.support;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Customers with a debt and an open case, made through the real imports and the daily evaluation, for tests
 * that need a debtor to answer. Every customer id is new, because test contexts are shared.
 */
public final class Debtors {

    /** A customer and their open case. */
    public record Debtor(String customerId, String caseId) {
    }

    private Debtors() {
    }

    /**
     * Imports a customer with these registry columns (besides id, name and group), an invoice of {@code amount}
     * due ten days before {@code today}, and runs the evaluation, which opens the case.
     */
    public static Debtor withOpenCase(Api admin, String prefix, Map<String, String> columns, String amount,
            LocalDate today) {
        String customerId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> row = new LinkedHashMap<>();
        row.put("customer_id", customerId);
        row.put("name", "Anna Debtor");
        row.put("group", "individual");
        row.put("email", customerId.toLowerCase() + "@example.org");
        row.putAll(columns);
        admin.importCsv("customers", String.join(",", row.keySet()) + "\n" + String.join(",", row.values()) + "\n");
        owe(admin, customerId, amount, today.minusDays(10));
        admin.post("/api/admin/evaluate", Map.of());
        return new Debtor(customerId, currentCaseId(admin, customerId));
    }

    public static void owe(Api admin, String customerId, String amount, LocalDate dueOn) {
        Map<String, Object> report = admin.importCsv("invoices", """
                invoice_id,customer_id,due_on,amount
                %s,%s,%s,%s
                """.formatted(customerId + "-" + UUID.randomUUID().toString().substring(0, 6), customerId, dueOn, amount));
        if (!Integer.valueOf(1).equals(report.get("accepted"))) {
            throw new AssertionError("the invoice was not imported: " + report);
        }
    }

    public static void pay(Api admin, String customerId, String amount, LocalDate paidOn) {
        admin.post("/api/payments", Map.of("paymentId", customerId + "-" + UUID.randomUUID().toString().substring(0, 6),
                "customerId", customerId, "paidOn", paidOn.toString(), "amount", amount));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> currentCase(Api admin, String customerId) {
        return (Map<String, Object>) admin.get("/api/customers/" + customerId).get("case");
    }

    private static String currentCaseId(Api admin, String customerId) {
        Map<String, Object> current = currentCase(admin, customerId);
        if (current == null || !"open".equals(current.get("status"))) {
            throw new AssertionError("customer " + customerId + " has no open case: " + current);
        }
        return (String) current.get("id");
    }
}
