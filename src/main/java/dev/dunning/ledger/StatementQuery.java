package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One customer's statement in one statement, so invoices and payments are read from the same snapshot.
 * <p>
 * The figures per invoice are the ones {@link DebtQuery} works with: confirmed payments naming an invoice pay it
 * first, what they overpay joins the customer's pool with the payments naming none, and the pool pays the oldest
 * invoices first (by due date, then id). Which payment paid which invoice follows from laying both end to end:
 * what is left of each invoice after the named payments, oldest first, and the pool's payments in the order they were
 * made; a payment paid the invoices whose stretch overlaps its own. Payments naming one invoice pay it in the order
 * they were made, so the later one is the one that overpays it.
 */
final class StatementQuery {

    private static final String SQL = """
            WITH named AS (
                SELECT i.invoice_id, i.contract, i.service, i.issued_on, i.due_on, i.amount,
                       COALESCE((SELECT SUM(p.amount) FROM payment p
                                 WHERE p.invoice_id = i.invoice_id AND p.status = 'confirmed'), 0) AS by_name
                FROM invoice i WHERE i.customer_id = :customer
            ),
            invoices AS (
                -- what the pool has to pay of each invoice, laid end to end oldest first: (running - after_named, running]
                SELECT n.*, n.amount - LEAST(n.amount, n.by_name) AS after_named,
                       SUM(n.amount - LEAST(n.amount, n.by_name)) OVER (ORDER BY n.due_on, n.invoice_id
                                                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                           AS running
                FROM named n
            ),
            naming AS (
                SELECT p.payment_id, p.paid_on, p.invoice_id, p.amount, i.amount AS invoice_amount,
                       SUM(p.amount) OVER (PARTITION BY p.invoice_id ORDER BY p.paid_on, p.payment_id
                                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS paid_so_far
                FROM payment p JOIN invoice i ON i.invoice_id = p.invoice_id
                WHERE i.customer_id = :customer AND p.status = 'confirmed'
            ),
            named_share AS (
                SELECT payment_id, paid_on, invoice_id, amount,
                       LEAST(amount, GREATEST(0, invoice_amount - (paid_so_far - amount))) AS to_invoice
                FROM naming
            ),
            pool AS (
                SELECT payment_id, paid_on, amount - to_invoice AS to_pool FROM named_share WHERE amount > to_invoice
                UNION ALL
                SELECT payment_id, paid_on, amount FROM payment
                WHERE customer_id = :customer AND status = 'confirmed' AND invoice_id IS NULL
            ),
            pool_stretch AS (
                -- each payment's part of the pool, in the order paid: (pool_end - to_pool, pool_end]
                SELECT pl.*, SUM(pl.to_pool) OVER (ORDER BY pl.paid_on, pl.payment_id
                                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS pool_end
                FROM pool pl
            ),
            allocation AS (
                SELECT payment_id, invoice_id, CAST(to_invoice AS NUMERIC(19,2)) AS amount, 0 AS pass
                FROM named_share WHERE to_invoice > 0
                UNION ALL
                SELECT ps.payment_id, iv.invoice_id,
                       CAST(LEAST(ps.pool_end, iv.running) - GREATEST(ps.pool_end - ps.to_pool, iv.running - iv.after_named)
                            AS NUMERIC(19,2)),
                       1
                FROM pool_stretch ps JOIN invoices iv
                  ON iv.after_named > 0
                 AND iv.running - iv.after_named < ps.pool_end AND ps.pool_end - ps.to_pool < iv.running
            )
            SELECT 'I' AS entry, iv.invoice_id AS id, iv.contract, iv.service, iv.issued_on, iv.due_on AS dated,
                   iv.amount,
                   CAST(GREATEST(0, LEAST(iv.after_named, iv.running - (SELECT COALESCE(SUM(pl.to_pool), 0) FROM pool pl)))
                        AS NUMERIC(19,2)) AS figure,
                   CAST(NULL AS VARCHAR(16)) AS status, CAST(NULL AS VARCHAR(64)) AS named_invoice,
                   CAST(NULL AS VARCHAR(64)) AS paid_invoice, 0 AS pass, CAST(NULL AS DATE) AS paid_due_on
            FROM invoices iv
            UNION ALL
            SELECT 'P', p.payment_id, NULL, NULL, NULL, p.paid_on, p.amount, a.amount, p.status, p.invoice_id,
                   a.invoice_id, a.pass, ai.due_on
            FROM payment p
            LEFT JOIN allocation a ON a.payment_id = p.payment_id
            LEFT JOIN invoice ai ON ai.invoice_id = a.invoice_id
            WHERE p.customer_id = :customer
            ORDER BY entry, dated, id, pass, paid_due_on, paid_invoice
            """;

    private final JdbcClient jdbc;

    StatementQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Statement of(String customerId) {
        List<Statement.Invoice> invoices = new ArrayList<>();
        Map<String, PaymentRows> payments = new LinkedHashMap<>();
        jdbc.sql(SQL).param("customer", customerId).query(rs -> {
            String id = rs.getString("id");
            LocalDate dated = rs.getObject("dated", LocalDate.class);
            BigDecimal amount = rs.getBigDecimal("amount");
            BigDecimal figure = rs.getBigDecimal("figure");
            if ("I".equals(rs.getString("entry"))) {
                invoices.add(new Statement.Invoice(id, rs.getString("contract"), rs.getString("service"),
                        rs.getObject("issued_on", LocalDate.class), dated, amount, amount.subtract(figure), figure));
                return;
            }
            boolean confirmed = "confirmed".equals(rs.getString("status"));
            String named = rs.getString("named_invoice");
            PaymentRows payment = payments.computeIfAbsent(id,
                    key -> new PaymentRows(key, dated, amount, confirmed, named, new LinkedHashMap<>()));
            String paidInvoice = rs.getString("paid_invoice");
            if (paidInvoice != null) {
                payment.paid().merge(paidInvoice, figure, BigDecimal::add);
            }
        });
        return new Statement(customerId, invoices, payments.values().stream().map(PaymentRows::payment).toList());
    }

    /** A payment's rows, one per invoice it paid. */
    private record PaymentRows(String paymentId, LocalDate paidOn, BigDecimal amount, boolean confirmed,
            String invoiceId, Map<String, BigDecimal> paid) {

        Statement.Payment payment() {
            return new Statement.Payment(paymentId, paidOn, amount, confirmed, invoiceId, paid.entrySet().stream()
                    .map(entry -> new Statement.Allocation(entry.getKey(), entry.getValue())).toList());
        }
    }
}
