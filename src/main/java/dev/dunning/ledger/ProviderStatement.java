package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statement of account where providers are worked separately: payments are allocated as {@link DebtScopes}
 * says. A payment naming an invoice pays it (in the order such payments were made) and its excess goes to the
 * invoice's provider; each provider's money then pays that provider's oldest invoices, in the order it was paid; last,
 * the money of nobody in particular (payments naming neither, excess over invoices no provider billed) pays the oldest
 * invoices left, whoever billed them. A customer's statement is small, so it is worked out here rather than in SQL.
 */
final class ProviderStatement {

    private final JdbcClient jdbc;
    private final DebtScopes scopes;

    ProviderStatement(JdbcClient jdbc, DebtScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    private record Billed(String invoiceId, String contract, String service, LocalDate issuedOn, LocalDate dueOn,
            BigDecimal amount, String scope) {
    }

    private record Paid(String paymentId, LocalDate paidOn, BigDecimal amount, boolean confirmed, String invoiceId,
            String provider) {
    }

    /** Money waiting to pay invoices: what is left of one payment, for one scope. */
    private static final class Stretch {
        final String paymentId;
        BigDecimal left;

        Stretch(String paymentId, BigDecimal left) {
            this.paymentId = paymentId;
            this.left = left;
        }
    }

    Statement of(String customerId) {
        List<Billed> invoices = jdbc.sql("""
                SELECT invoice_id, contract, service, issued_on, due_on, amount FROM invoice
                WHERE customer_id = :customer ORDER BY due_on, invoice_id""")
                .param("customer", customerId)
                .query((rs, row) -> new Billed(rs.getString("invoice_id"), rs.getString("contract"),
                        rs.getString("service"), rs.getObject("issued_on", LocalDate.class),
                        rs.getObject("due_on", LocalDate.class), rs.getBigDecimal("amount"),
                        scopes.scopeOfService(rs.getString("service"))))
                .list();
        List<Paid> payments = jdbc.sql("""
                SELECT payment_id, paid_on, amount, status, invoice_id, provider FROM payment
                WHERE customer_id = :customer ORDER BY paid_on, payment_id""")
                .param("customer", customerId)
                .query((rs, row) -> new Paid(rs.getString("payment_id"), rs.getObject("paid_on", LocalDate.class),
                        rs.getBigDecimal("amount"), "confirmed".equals(rs.getString("status")),
                        rs.getString("invoice_id"), rs.getString("provider")))
                .list();
        Map<String, Billed> byId = new HashMap<>();
        Map<String, BigDecimal> owed = new LinkedHashMap<>();
        invoices.forEach(invoice -> {
            byId.put(invoice.invoiceId(), invoice);
            owed.put(invoice.invoiceId(), invoice.amount());
        });
        Map<String, Map<String, BigDecimal>> allocations = new LinkedHashMap<>();
        Map<String, List<Stretch>> pools = new HashMap<>();
        for (Paid payment : payments) {
            allocations.put(payment.paymentId(), new LinkedHashMap<>());
            if (!payment.confirmed()) {
                continue;
            }
            BigDecimal left = payment.amount();
            String scope = DebtScopes.scopeOf(payment.provider());
            if (payment.invoiceId() != null && byId.containsKey(payment.invoiceId())) {
                BigDecimal taken = left.min(owed.get(payment.invoiceId()));
                pay(allocations, owed, payment.paymentId(), payment.invoiceId(), taken);
                left = left.subtract(taken);
                scope = byId.get(payment.invoiceId()).scope();
            }
            if (left.signum() > 0) {
                pools.computeIfAbsent(scope, key -> new ArrayList<>()).add(new Stretch(payment.paymentId(), left));
            }
        }
        // each provider's money first, over its own invoices; then the common money over what is left of all
        pools.forEach((scope, stretches) -> {
            if (!scope.equals(DebtScopes.WHOLE)) {
                allocate(stretches, invoices.stream().filter(invoice -> invoice.scope().equals(scope)).toList(),
                        allocations, owed);
            }
        });
        allocate(pools.getOrDefault(DebtScopes.WHOLE, List.of()), invoices, allocations, owed);

        List<Statement.Invoice> lines = invoices.stream().map(invoice -> new Statement.Invoice(invoice.invoiceId(),
                invoice.contract(), invoice.service(), invoice.issuedOn(), invoice.dueOn(), invoice.amount(),
                invoice.amount().subtract(owed.get(invoice.invoiceId())), owed.get(invoice.invoiceId()))).toList();
        List<Statement.Payment> paid = payments.stream().map(payment -> new Statement.Payment(payment.paymentId(),
                payment.paidOn(), payment.amount(), payment.confirmed(), payment.invoiceId(),
                allocations.get(payment.paymentId()).entrySet().stream()
                        .map(entry -> new Statement.Allocation(entry.getKey(), entry.getValue())).toList()))
                .toList();
        return new Statement(customerId, lines, paid);
    }

    private static void allocate(List<Stretch> stretches, List<Billed> invoices,
            Map<String, Map<String, BigDecimal>> allocations, Map<String, BigDecimal> owed) {
        int next = 0;
        for (Billed invoice : invoices) {
            while (next < stretches.size() && owed.get(invoice.invoiceId()).signum() > 0) {
                Stretch stretch = stretches.get(next);
                BigDecimal taken = stretch.left.min(owed.get(invoice.invoiceId()));
                pay(allocations, owed, stretch.paymentId, invoice.invoiceId(), taken);
                stretch.left = stretch.left.subtract(taken);
                if (stretch.left.signum() == 0) {
                    next++;
                }
            }
        }
    }

    private static void pay(Map<String, Map<String, BigDecimal>> allocations, Map<String, BigDecimal> owed,
            String paymentId, String invoiceId, BigDecimal amount) {
        if (amount.signum() <= 0) {
            return;
        }
        allocations.get(paymentId).merge(invoiceId, amount, BigDecimal::add);
        owed.merge(invoiceId, amount, BigDecimal::subtract);
    }
}
