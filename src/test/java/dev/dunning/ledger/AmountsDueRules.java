package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.clock.BusinessClock;

/**
 * What customers still have to pay on each coming date (reminders before a due date, the next date a
 * thank-you names), through the real SQL: invoices paid as the debt rules pay them, disputes left out,
 * installments paid in date order. Run on H2 by {@link AmountsDueRulesTest} and on PostgreSQL by
 * {@link AmountsDueRulesPostgresTest}; every test has customers of its own and dates relative to today.
 */
abstract class AmountsDueRules {

    @Autowired
    RegistryImport registries;
    @Autowired
    Ledger ledger;
    @Autowired
    Freezes freezes;
    @Autowired
    BusinessClock clock;

    private final String p = "D" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private LocalDate today;

    @BeforeEach
    void today() {
        today = clock.today();
    }

    @Test
    void invoicesOfOneDateAddUpAndTheNextDueIsTheEarliestDateTodayOrLater() {
        String c = customer("C1", "individual");
        invoice("I1", c, today.minusDays(20), "900.00");
        invoice("I2", c, today.plusDays(7), "1000.00");
        invoice("I3", c, today.plusDays(7), "250.50");
        invoice("I4", c, today.plusDays(37), "1000.00");

        assertThat(ledger.amountDue(c, today.plusDays(7))).isEqualByComparingTo("1250.50");
        assertThat(ledger.amountDue(c, today.plusDays(8))).isEqualByComparingTo("0.00");
        assertThat(ledger.nextDue(c)).hasValueSatisfying(next -> {
            assertThat(next.dueOn()).as("the overdue invoice is not a coming payment").isEqualTo(today.plusDays(7));
            assertThat(next.amount()).isEqualByComparingTo("1250.50");
            assertThat(next.group()).isEqualTo("individual");
        });
    }

    @Test
    void anInvoiceDueTodayIsTheNextDueAndNothingFallingDueGivesNone() {
        String c = customer("C1", "individual");
        invoice("I1", c, today.minusDays(3), "500.00");
        assertThat(ledger.nextDue(c)).isEmpty();

        invoice("I2", c, today, "300.00");

        assertThat(ledger.nextDue(c)).hasValueSatisfying(next -> assertThat(next.dueOn()).isEqualTo(today));
    }

    @Test
    void aPaymentNamingNoInvoicePaysTheOverdueInvoicesBeforeTheComingOnes() {
        String c = customer("C1", "individual");
        invoice("I1", c, today.minusDays(20), "1000.00");
        invoice("I2", c, today.plusDays(5), "500.00");
        invoice("I3", c, today.plusDays(10), "400.00");

        payment("P1", c, null, "1200.00", "confirmed");

        assertThat(ledger.amountDue(c, today.plusDays(5))).isEqualByComparingTo("300.00");
        assertThat(ledger.amountDue(c, today.plusDays(10))).isEqualByComparingTo("400.00");

        payment("P2", c, null, "300.00", "confirmed");

        assertThat(ledger.amountDue(c, today.plusDays(5))).isEqualByComparingTo("0.00");
        assertThat(ledger.nextDue(c)).hasValueSatisfying(next -> assertThat(next.dueOn()).isEqualTo(today.plusDays(10)));
    }

    @Test
    void aPaymentNamingTheComingInvoicePaysItAndAnUnconfirmedOneCountsOnlyOnceConfirmed() {
        String c = customer("C1", "individual");
        invoice("I1", c, today.minusDays(20), "1000.00");
        invoice("I2", c, today.plusDays(5), "500.00");

        payment("P1", c, p + "I2", "200.00", "unconfirmed");
        assertThat(ledger.amountDue(c, today.plusDays(5))).isEqualByComparingTo("500.00");

        payment("P1", c, p + "I2", "200.00", "confirmed");
        assertThat(ledger.amountDue(c, today.plusDays(5))).as("the overdue invoice does not take a named payment")
                .isEqualByComparingTo("300.00");
    }

    @Test
    void aDisputedComingInvoiceIsNotAskedForUntilTheDisputeIsLifted() {
        String c = customer("C1", "individual");
        invoice("I1", c, today.plusDays(5), "800.00");
        invoice("I2", c, today.plusDays(5), "200.00");

        Freeze whole = freezes.add(c, new FreezeRequest("dispute", null, null, p + "I1", "wrong meter"), "tester");
        assertThat(ledger.amountDue(c, today.plusDays(5))).isEqualByComparingTo("200.00");

        freezes.add(c, new FreezeRequest("dispute", new BigDecimal("50.00"), null, p + "I2", "one service"), "tester");
        assertThat(ledger.amountDue(c, today.plusDays(5))).isEqualByComparingTo("150.00");

        freezes.lift(c, whole.freezeId(), "tester");
        assertThat(ledger.amountDue(c, today.plusDays(5))).isEqualByComparingTo("950.00");
    }

    @Test
    void installmentsArePaidInDateOrderByWhatWasPaidSinceTheyWereAgreed() {
        String c = customer("C1", "individual");
        invoice("I1", c, today.minusDays(60), "3000.00");
        payment("P0", c, null, "100.00", "confirmed");
        for (int month = 1; month <= 3; month++) {
            freezes.add(c, new FreezeRequest("installment", new BigDecimal("1000.00"), today.plusDays(30L * month), null,
                    "installment " + month + " of 3"), "tester");
        }
        assertThat(ledger.amountDue(c, today.plusDays(30))).as("a payment on the day of the agreement counts")
                .isEqualByComparingTo("900.00");

        payment("P1", c, null, "1400.00", "confirmed");

        assertThat(ledger.amountDue(c, today.plusDays(30))).isEqualByComparingTo("0.00");
        assertThat(ledger.amountDue(c, today.plusDays(60))).isEqualByComparingTo("500.00");
        assertThat(ledger.amountDue(c, today.plusDays(90))).isEqualByComparingTo("1000.00");
        assertThat(ledger.nextDue(c)).hasValueSatisfying(next -> {
            assertThat(next.dueOn()).isEqualTo(today.plusDays(60));
            assertThat(next.amount()).isEqualByComparingTo("500.00");
        });
    }

    @Test
    void aLiftedInstallmentIsNotDueAndAnInstallmentAndAnInvoiceOfOneDateAddUp() {
        String c = customer("C1", "individual");
        invoice("I1", c, today.minusDays(60), "2000.00");
        Freeze first = freezes.add(c, new FreezeRequest("installment", new BigDecimal("1000.00"), today.plusDays(10), null,
                null), "tester");
        freezes.add(c, new FreezeRequest("installment", new BigDecimal("1000.00"), today.plusDays(40), null, null), "tester");
        invoice("I2", c, today.plusDays(40), "350.00");

        assertThat(ledger.amountDue(c, today.plusDays(40))).isEqualByComparingTo("1350.00");

        freezes.lift(c, first.freezeId(), "tester");

        assertThat(ledger.amountDue(c, today.plusDays(10))).isEqualByComparingTo("0.00");
        assertThat(ledger.nextDue(c)).hasValueSatisfying(next -> assertThat(next.dueOn()).isEqualTo(today.plusDays(40)));
    }

    @Test
    void theAmountsDueOfAllDatesAddUpToTheBalanceOfTheDebtRules() {
        String c = customer("C1", "individual");
        invoice("I1", c, today.minusDays(40), "1000.00");
        invoice("I2", c, today.minusDays(10), "700.00");
        invoice("I3", c, today.plusDays(3), "450.00");
        invoice("I4", c, today.plusDays(33), "450.00");
        payment("P1", c, null, "1300.00", "confirmed");
        payment("P2", c, p + "I4", "600.00", "confirmed");
        payment("P3", c, null, "99.00", "unconfirmed");

        List<AmountDue> all = window(today.minusDays(365), today.plusDays(365), Set.of("individual"), null);

        assertThat(all.stream().map(AmountDue::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(ledger.debtOf(c).balance())
                .isEqualByComparingTo("700.00");
        assertThat(all).extracting(AmountDue::dueOn, AmountDue::amount).containsExactly(
                tuple(today.minusDays(10), new BigDecimal("250.00")), tuple(today.plusDays(3), new BigDecimal("450.00")));
    }

    @Test
    void theDailyWindowHoldsEachCustomerAndDateOnceForTheGroupsAskedLessWhatTheCallerLeavesOut() {
        String a = customer("A", "individual");
        invoice("IA1", a, today.plusDays(2), "100.00");
        invoice("IA2", a, today.plusDays(2), "100.00");
        invoice("IA3", a, today.plusDays(6), "300.00");
        invoice("IA4", a, today.plusDays(8), "400.00");
        String b = customer("B", "individual");
        invoice("IB1", b, today.plusDays(4), "500.00");
        String paid = customer("PAID", "individual");
        invoice("IP1", paid, today.plusDays(4), "500.00");
        payment("PP", paid, null, "500.00", "confirmed");
        String company = customer("BIZ", "business");
        invoice("IZ1", company, today.plusDays(1), "9000.00");

        List<AmountDue> window = window(today, today.plusDays(7), Set.of("individual"), null);

        assertThat(window).extracting(AmountDue::customerId, AmountDue::dueOn).containsExactly(
                tuple(a, today.plusDays(2)),
                tuple(b, today.plusDays(4)),
                tuple(a, today.plusDays(6)));
        assertThat(window.get(0).amount()).isEqualByComparingTo("200.00");

        assertThat(window(today, today.plusDays(7), Set.of("individual", "business"),
                "d.customer_id = '" + a + "' AND d.due_on = CAST('" + today.plusDays(2) + "' AS DATE)"))
                .extracting(AmountDue::customerId, AmountDue::dueOn).containsExactly(
                        tuple(company, today.plusDays(1)),
                        tuple(b, today.plusDays(4)),
                        tuple(a, today.plusDays(6)));
    }

    // --- support ------------------------------------------------------------------------------

    private List<AmountDue> window(LocalDate from, LocalDate to, Set<String> groups, String unless) {
        List<AmountDue> result = new ArrayList<>();
        ledger.forEachAmountDue(from, to, groups, unless == null ? List.of() : List.of(unless), due -> {
            if (due.customerId().startsWith(p)) {
                result.add(due);
            }
        });
        return result;
    }

    private String customer(String name, String group) {
        String id = p + name;
        load(RegistryKind.CUSTOMERS, "customer_id,name,group\n%s,Customer %s,%s\n".formatted(id, name, group));
        return id;
    }

    private void invoice(String id, String customer, LocalDate dueOn, String amount) {
        load(RegistryKind.INVOICES, "invoice_id,customer_id,due_on,amount\n%s,%s,%s,%s\n"
                .formatted(p + id, customer, dueOn, amount));
    }

    /** Paid today; {@code invoiceId} is the whole id (or null for a payment naming no invoice). */
    private void payment(String id, String customer, String invoiceId, String amount, String status) {
        load(RegistryKind.PAYMENTS, "payment_id,customer_id,invoice_id,paid_on,amount,status\n%s,%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, invoiceId == null ? "" : invoiceId, today, amount, status));
    }

    private void load(RegistryKind kind, String csv) {
        ImportReport report = registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.errors()).as("import errors of " + csv).isEmpty();
        assertThat(report.accepted()).as("rows accepted of " + csv).isEqualTo(1);
    }
}
