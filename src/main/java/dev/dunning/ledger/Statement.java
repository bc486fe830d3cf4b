package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer's statement of account: every invoice with what was paid of it and what is still outstanding, and every
 * payment with the invoices it paid. Payments are allocated as the debt is worked out (see {@link Ledger#debtOf}):
 * confirmed payments naming an invoice pay it first, in the order they were made; what they overpay and the payments
 * naming none pay the oldest invoices first, in the order the payments were made. Unconfirmed payments pay nothing yet.
 *
 * @param invoices oldest due first
 * @param payments in the order they were made
 */
public record Statement(String customerId, List<Invoice> invoices, List<Payment> payments) {

    public Statement {
        invoices = List.copyOf(invoices);
        payments = List.copyOf(payments);
    }

    /**
     * One invoice.
     *
     * @param paid        what the customer's confirmed payments paid of it
     * @param outstanding what is still to pay: {@code amount - paid}
     */
    public record Invoice(String invoiceId, String contract, String service, LocalDate issuedOn, LocalDate dueOn,
            BigDecimal amount, BigDecimal paid, BigDecimal outstanding) {
    }

    /**
     * One payment.
     *
     * @param invoiceId the invoice the payment names, if any
     * @param paid      the invoices it paid and how much of each: the named invoice first, then the oldest ones;
     *                  empty while it is unconfirmed
     */
    public record Payment(String paymentId, LocalDate paidOn, BigDecimal amount, boolean confirmed, String invoiceId,
            List<Allocation> paid) {

        public Payment {
            paid = List.copyOf(paid);
        }

        /** What of a confirmed payment no invoice took (an overpayment): credit for invoices to come. */
        public BigDecimal credit() {
            if (!confirmed) {
                return BigDecimal.ZERO;
            }
            return paid.stream().map(Allocation::amount).reduce(amount, BigDecimal::subtract);
        }
    }

    /** What one payment paid of one invoice. */
    public record Allocation(String invoiceId, BigDecimal amount) {
    }

    public BigDecimal invoiced() {
        return invoices.stream().map(Invoice::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What confirmed payments paid of the invoices. */
    public BigDecimal paid() {
        return invoices.stream().map(Invoice::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Everything still to pay, due or not. */
    public BigDecimal outstanding() {
        return invoices.stream().map(Invoice::outstanding).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What is still to pay on invoices due before {@code today}. */
    public BigDecimal overdue(LocalDate today) {
        return invoices.stream().filter(invoice -> invoice.dueOn().isBefore(today)).map(Invoice::outstanding)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Confirmed payments that no invoice took. */
    public BigDecimal credit() {
        return payments.stream().map(Payment::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
