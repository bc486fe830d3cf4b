package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.clock.BusinessClock;

/**
 * The statement of account against ledgers worked out by hand: what was paid of each invoice, what is outstanding,
 * and which payment paid which invoice, allocated as the debt is (named invoices first, then the oldest). Every
 * statement must also agree with the debt and the open invoices the ledger reports.
 * <p>
 * Run on H2 by {@link StatementRulesTest} and on PostgreSQL by {@link StatementRulesPostgresTest}; every test has
 * customers of its own.
 */
abstract class StatementRules {

    @Autowired
    RegistryImport registries;
    @Autowired
    Ledger ledger;
    @Autowired
    BusinessClock clock;

    private final String p = "ST" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private LocalDate today;

    @BeforeEach
    void today() {
        today = clock.today();
    }

    @Test
    void partialPaymentsPaymentsNamingAnInvoiceAndUnconfirmedOnesAddUpAsWorkedOutByHand() {
        String c = customer("C");
        invoice("I1", c, "K-1", "internet", today.minusDays(70), today.minusDays(40), "1000.00");
        invoice("I2", c, "K-2", "tv", today.minusDays(60), today.minusDays(30), "500.00");
        invoice("I3", c, "K-1", "internet", today.minusDays(50), today.minusDays(20), "400.00");
        invoice("I4", c, "K-2", "tv", today.minusDays(20), today.plusDays(10), "300.00");
        payment("P1", c, "I3", today.minusDays(15), "500.00", "confirmed");
        payment("P2", c, null, today.minusDays(10), "700.00", "confirmed");
        payment("P3", c, null, today.minusDays(8), "200.00", "unconfirmed");
        payment("P4", c, "I2", today.minusDays(5), "200.00", "confirmed");

        // By hand: P4 pays 200 of I2 and P1 400 of I3, whose 100 excess joins P2's 700 in the pool. The pool pays the
        // oldest first: P1's 100, then P2's 700, all to I1 (1000). P3 is not confirmed and pays nothing.
        Statement statement = ledger.statement(c);

        assertThat(statement.invoices()).containsExactly(
                new Statement.Invoice(p + "I1", "K-1", "internet", today.minusDays(70), today.minusDays(40),
                        money("1000.00"), money("800.00"), money("200.00")),
                new Statement.Invoice(p + "I2", "K-2", "tv", today.minusDays(60), today.minusDays(30),
                        money("500.00"), money("200.00"), money("300.00")),
                new Statement.Invoice(p + "I3", "K-1", "internet", today.minusDays(50), today.minusDays(20),
                        money("400.00"), money("400.00"), money("0.00")),
                new Statement.Invoice(p + "I4", "K-2", "tv", today.minusDays(20), today.plusDays(10),
                        money("300.00"), money("0.00"), money("300.00")));
        assertThat(statement.payments()).containsExactly(
                new Statement.Payment(p + "P1", today.minusDays(15), money("500.00"), true, p + "I3",
                        List.of(paid("I3", "400.00"), paid("I1", "100.00"))),
                new Statement.Payment(p + "P2", today.minusDays(10), money("700.00"), true, null,
                        List.of(paid("I1", "700.00"))),
                new Statement.Payment(p + "P3", today.minusDays(8), money("200.00"), false, null, List.of()),
                new Statement.Payment(p + "P4", today.minusDays(5), money("200.00"), true, p + "I2",
                        List.of(paid("I2", "200.00"))));
        assertThat(statement.invoiced()).isEqualByComparingTo("2200.00");
        assertThat(statement.paid()).isEqualByComparingTo("1400.00");
        assertThat(statement.outstanding()).isEqualByComparingTo("800.00");
        assertThat(statement.overdue(today)).as("I4 is not due yet").isEqualByComparingTo("500.00");
        assertThat(statement.credit()).isEqualByComparingTo("0.00");
        agreesWithTheLedger(c, statement);
    }

    @Test
    void aPaymentNamingNoInvoicePaysTheOldestFirstAcrossSeveralInvoicesAndAnOverpaymentIsCredit() {
        String c = customer("C");
        invoice("I1", c, null, null, null, today.minusDays(30), "100.00");
        invoice("I2", c, null, null, null, today.minusDays(20), "150.00");
        invoice("I3", c, null, null, null, today.minusDays(10), "200.00");
        payment("P1", c, null, today.minusDays(9), "180.00", "confirmed");
        payment("P2", c, null, today.minusDays(8), "320.00", "confirmed");

        // By hand: the pool (180 then 320) laid over I1 (0-100], I2 (100-250], I3 (250-450]:
        // P1 pays 100 of I1 and 80 of I2; P2 pays 70 of I2 and 200 of I3 and leaves 50 of credit.
        Statement statement = ledger.statement(c);

        assertThat(statement.invoices()).extracting(Statement.Invoice::outstanding)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(money("0"), money("0"), money("0"));
        assertThat(statement.payments()).extracting(Statement.Payment::paid).containsExactly(
                List.of(paid("I1", "100.00"), paid("I2", "80.00")),
                List.of(paid("I2", "70.00"), paid("I3", "200.00")));
        assertThat(statement.payments().get(1).credit()).isEqualByComparingTo("50.00");
        assertThat(statement.credit()).isEqualByComparingTo("50.00");
        agreesWithTheLedger(c, statement);
    }

    @Test
    void ofTwoPaymentsNamingOneInvoiceTheLaterOneOverpaysItAndItsExcessPaysTheOldestOtherInvoice() {
        String c = customer("C");
        invoice("OLD", c, null, null, null, today.minusDays(40), "500.00");
        invoice("NEW", c, null, null, null, today.minusDays(10), "300.00");
        payment("P1", c, "NEW", today.minusDays(6), "200.00", "confirmed");
        payment("P2", c, "NEW", today.minusDays(3), "250.00", "confirmed");

        Statement statement = ledger.statement(c);

        assertThat(statement.payments()).extracting(Statement.Payment::paid).containsExactly(
                List.of(paid("NEW", "200.00")),
                List.of(paid("NEW", "100.00"), paid("OLD", "150.00")));
        assertThat(statement.invoices()).extracting(Statement.Invoice::invoiceId, Statement.Invoice::outstanding)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(p + "OLD", money("350.00")),
                        org.assertj.core.groups.Tuple.tuple(p + "NEW", money("0.00")));
        agreesWithTheLedger(c, statement);
    }

    @Test
    void invoicesDueOnTheSameDayArePaidInTheOrderOfTheirIds() {
        String c = customer("C");
        invoice("B", c, null, null, null, today.minusDays(20), "100.00");
        invoice("A", c, null, null, null, today.minusDays(20), "100.00");
        payment("P1", c, null, today.minusDays(1), "150.00", "confirmed");

        Statement statement = ledger.statement(c);

        assertThat(statement.invoices()).extracting(Statement.Invoice::invoiceId).containsExactly(p + "A", p + "B");
        assertThat(statement.payments().get(0).paid()).containsExactly(paid("A", "100.00"), paid("B", "50.00"));
        agreesWithTheLedger(c, statement);
    }

    @Test
    void aCustomerWithoutInvoicesHasAnEmptyStatementAndAnUnknownOneToo() {
        String c = customer("C");

        assertThat(ledger.statement(c).invoices()).isEmpty();
        assertThat(ledger.statement(c).outstanding()).isEqualByComparingTo("0");
        assertThat(ledger.statement(p + "nobody").payments()).isEmpty();
    }

    /** The statement's figures are the ledger's: the balance, and each open invoice with what is left of it. */
    private void agreesWithTheLedger(String customer, Statement statement) {
        assertThat(statement.outstanding()).isEqualByComparingTo(ledger.debtOf(customer).balance());
        assertThat(statement.invoices().stream().filter(invoice -> invoice.outstanding().signum() > 0)
                .map(invoice -> invoice.invoiceId() + "=" + invoice.outstanding().stripTrailingZeros().toPlainString()))
                .containsExactlyElementsOf(ledger.openInvoices(customer).stream()
                        .map(open -> open.invoiceId() + "=" + open.open().stripTrailingZeros().toPlainString()).toList());
        for (Statement.Invoice invoice : statement.invoices()) {
            BigDecimal paidByPayments = statement.payments().stream().flatMap(payment -> payment.paid().stream())
                    .filter(part -> part.invoiceId().equals(invoice.invoiceId()))
                    .map(Statement.Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(paidByPayments).as("what the payments paid of " + invoice.invoiceId())
                    .isEqualByComparingTo(invoice.paid());
        }
    }

    // --- support ------------------------------------------------------------------------------

    private Statement.Allocation paid(String invoice, String amount) {
        return new Statement.Allocation(p + invoice, money(amount));
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    private String customer(String name) {
        String id = p + name;
        load(RegistryKind.CUSTOMERS, "customer_id,name,group\n%s,Customer %s,individual\n".formatted(id, name));
        return id;
    }

    private void invoice(String id, String customer, String contract, String service, LocalDate issuedOn,
            LocalDate dueOn, String amount) {
        load(RegistryKind.INVOICES, "invoice_id,customer_id,contract,service,issued_on,due_on,amount\n%s,%s,%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, blank(contract), blank(service), issuedOn == null ? "" : issuedOn, dueOn,
                        amount));
    }

    /** {@code invoice} is the id without the test's prefix, or null for a payment naming no invoice. */
    private void payment(String id, String customer, String invoice, LocalDate paidOn, String amount, String status) {
        load(RegistryKind.PAYMENTS, "payment_id,customer_id,invoice_id,paid_on,amount,status\n%s,%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, invoice == null ? "" : p + invoice, paidOn, amount, status));
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    private void load(RegistryKind kind, String csv) {
        ImportReport report = registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.errors()).as("import errors of " + csv).isEmpty();
        assertThat(report.accepted()).as("rows accepted of " + csv).isEqualTo(1);
    }
}
