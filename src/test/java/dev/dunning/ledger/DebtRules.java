package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;

/**
 * The debt and allocation rules, through the real SQL: what a customer owes, what of it is real
 * debt, what is frozen, and who is worth working. Customers are of group {@code individual}, so on
 * the shipped plan {@code individual-standard} (grace 5 days, minimum 300.00).
 * <p>
 * Run on H2 by {@link DebtRulesTest} and on PostgreSQL by {@link DebtRulesPostgresTest}. The
 * application and its database are shared with other tests: every test has customers of its own
 * (a random prefix) and dates relative to today's business date; time only moves forward.
 */
abstract class DebtRules {

    @Autowired
    RegistryImport registries;
    @Autowired
    Ledger ledger;
    @Autowired
    Freezes freezes;
    @Autowired
    BusinessClock clock;
    @Autowired
    BusinessTime time;

    private final String p = "R" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private LocalDate today;

    @BeforeEach
    void today() {
        today = clock.today();
    }

    // --- allocation ---------------------------------------------------------------------------

    @Test
    void aPaymentWithoutAnInvoicePaysTheOldestInvoicesFirst() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        invoice("I2", c, today.minusDays(20), "500.00");
        invoice("I3", c, today.minusDays(10), "400.00");
        assertThat(debt(c).oldestDueOn()).isEqualTo(today.minusDays(30));

        payment("P1", c, null, today, "1200.00", "confirmed");

        DebtSummary debt = debt(c);
        assertThat(debt.balance()).isEqualByComparingTo("700.00");
        assertThat(debt.realDebt()).isEqualByComparingTo("700.00");
        assertThat(debt.oldestDueOn()).as("the oldest invoice is paid; the next one is now the oldest unpaid")
                .isEqualTo(today.minusDays(20));
        assertThat(debt.newestDueOn()).isEqualTo(today.minusDays(10));

        payment("P2", c, null, today, "300.00", "confirmed");

        assertThat(debt(c).realDebt()).isEqualByComparingTo("400.00");
        assertThat(debt(c).oldestDueOn()).isEqualTo(today.minusDays(10));
    }

    @Test
    void aPaymentNamingAnInvoicePaysThatInvoiceFirstAndWhatExceedsItPaysTheOldestOthers() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        invoice("I2", c, today.minusDays(20), "500.00");
        invoice("I3", c, today.minusDays(10), "400.00");

        payment("P1", c, p + "I3", today, "400.00", "confirmed");

        DebtSummary debt = debt(c);
        assertThat(debt.realDebt()).as("the named invoice is paid, not the oldest").isEqualByComparingTo("1500.00");
        assertThat(debt.oldestDueOn()).isEqualTo(today.minusDays(30));
        assertThat(debt.newestDueOn()).as("the newest invoice is paid").isEqualTo(today.minusDays(20));

        payment("P2", c, p + "I2", today, "700.00", "confirmed");

        debt = debt(c);
        assertThat(debt.realDebt()).as("I2 paid, its 200.00 excess pays I1").isEqualByComparingTo("800.00");
        assertThat(debt.balance()).isEqualByComparingTo("800.00");
        assertThat(debt.oldestDueOn()).isEqualTo(today.minusDays(30));
        assertThat(debt.newestDueOn()).isEqualTo(today.minusDays(30));
    }

    @Test
    void anOverpaymentLeavesNothingOwedAndItsCreditPaysTheNextInvoice() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(20), "500.00");
        payment("P1", c, null, today, "800.00", "confirmed");

        DebtSummary debt = debt(c);
        assertThat(debt.balance()).isEqualByComparingTo("0.00");
        assertThat(debt.realDebt()).isEqualByComparingTo("0.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("0.00");
        assertThat(debt.oldestDueOn()).isNull();
        assertThat(debt.newestDueOn()).isNull();
        assertThat(debt.paidUp()).isTrue();

        invoice("I2", c, today.minusDays(10), "500.00");

        assertThat(debt(c).realDebt()).as("300.00 of credit pays part of the next invoice").isEqualByComparingTo("200.00");
        assertThat(debt(c).balance()).isEqualByComparingTo("200.00");
    }

    @Test
    void anOverpaymentNamingAnInvoiceLeavesNothingOwedNeverANegativeBalance() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(20), "500.00");
        invoice("I2", c, today.minusDays(10), "250.00");
        payment("P1", c, p + "I2", today, "2000.00", "confirmed");

        DebtSummary debt = debt(c);
        assertThat(debt.balance()).isEqualByComparingTo("0.00");
        assertThat(debt.realDebt()).isEqualByComparingTo("0.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("0.00");
    }

    // --- real debt and balance ----------------------------------------------------------------

    @Test
    void realDebtCountsOnlyInvoicesOverduePastTheGracePeriodWhileTheBalanceCountsEveryInvoice() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(6), "100.00");
        invoice("I2", c, today.minusDays(5), "200.00");
        invoice("I3", c, today, "400.00");
        invoice("I4", c, today.plusDays(10), "800.00");

        DebtSummary debt = debt(c);
        assertThat(debt.planKey()).isEqualTo("individual-standard");
        assertThat(debt.minimumAmount()).isEqualByComparingTo("300.00");
        assertThat(debt.realDebt()).as("only the invoice due 6 days ago is past the 5 days of grace")
                .isEqualByComparingTo("100.00");
        assertThat(debt.balance()).isEqualByComparingTo("1500.00");
        assertThat(debt.newestDueOn()).isEqualTo(today.minusDays(6));
        assertThat(debt.oldestDueOn()).isEqualTo(today.minusDays(6));
    }

    @Test
    void anInvoiceDueFiveDaysAgoIsOverdueButNotRealDebtYet() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(5), "1000.00");

        DebtSummary debt = debt(c);
        assertThat(debt.realDebt()).isEqualByComparingTo("0.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("0.00");
        assertThat(debt.balance()).isEqualByComparingTo("1000.00");
        assertThat(debt.oldestDueOn()).isEqualTo(today.minusDays(5));
        assertThat(debt.newestDueOn()).isNull();
    }

    // --- unconfirmed payments -----------------------------------------------------------------

    @Test
    void anUnconfirmedPaymentIsFrozenNotAllocatedUntilItIsConfirmed() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        invoice("I2", c, today.minusDays(20), "500.00");

        payment("P1", c, null, today, "1100.00", "unconfirmed");

        DebtSummary debt = debt(c);
        assertThat(debt.realDebt()).isEqualByComparingTo("1500.00");
        assertThat(debt.balance()).isEqualByComparingTo("1500.00");
        assertThat(debt.oldestDueOn()).isEqualTo(today.minusDays(30));
        assertThat(debt.frozen().unconfirmed()).isEqualByComparingTo("1100.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("400.00");

        payment("P1", c, null, today, "1100.00", "confirmed");

        debt = debt(c);
        assertThat(debt.realDebt()).isEqualByComparingTo("400.00");
        assertThat(debt.balance()).isEqualByComparingTo("400.00");
        assertThat(debt.oldestDueOn()).isEqualTo(today.minusDays(20));
        assertThat(debt.frozen().unconfirmed()).isEqualByComparingTo("0.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("400.00");
    }

    // --- disputes -----------------------------------------------------------------------------

    @Test
    void aDisputeOnAnInvoiceFreezesItsOpenAmountOrTheSmallerAmountGivenUntilLifted() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        invoice("I2", c, today.minusDays(20), "700.00");
        payment("P1", c, null, today, "300.00", "confirmed");

        Freeze whole = freezes.add(c, new FreezeRequest("dispute", null, null, p + "I1", "wrong tariff"), "tester");

        DebtSummary debt = debt(c);
        assertThat(debt.realDebt()).as("a dispute never changes real debt").isEqualByComparingTo("1400.00");
        assertThat(debt.frozen().dispute()).as("I1's open amount after the payment").isEqualByComparingTo("700.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("700.00");

        freezes.add(c, new FreezeRequest("dispute", new BigDecimal("200.00"), null, p + "I2", "one service"), "tester");

        assertThat(debt(c).frozen().dispute()).isEqualByComparingTo("900.00");
        assertThat(debt(c).conditionalDebt()).isEqualByComparingTo("500.00");

        freezes.lift(c, whole.freezeId(), "tester");

        debt = debt(c);
        assertThat(debt.frozen().dispute()).isEqualByComparingTo("200.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("1200.00");
        assertThat(debt.realDebt()).isEqualByComparingTo("1400.00");
    }

    @Test
    void aDisputeFreezesNoMoreThanTheInvoiceStillOwes() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        invoice("I2", c, today.minusDays(20), "700.00");
        payment("P1", c, p + "I2", today, "500.00", "confirmed");

        freezes.add(c, new FreezeRequest("dispute", new BigDecimal("5000.00"), null, p + "I2", null), "tester");

        assertThat(debt(c).frozen().dispute()).isEqualByComparingTo("200.00");
        assertThat(debt(c).conditionalDebt()).isEqualByComparingTo("1000.00");
    }

    @Test
    void aDisputeOfAnAmountWithoutAnInvoiceFreezesThatAmount() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");

        freezes.add(c, new FreezeRequest("dispute", new BigDecimal("250.00"), null, null, "a claim in review"), "tester");

        assertThat(debt(c).frozen().dispute()).isEqualByComparingTo("250.00");
        assertThat(debt(c).conditionalDebt()).isEqualByComparingTo("750.00");
    }

    @Test
    void aDisputeOnAnInvoiceNotYetInRealDebtDoesNotFreezeOtherInvoices() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        invoice("I2", c, today.plusDays(10), "800.00");

        freezes.add(c, new FreezeRequest("dispute", null, null, p + "I2", "wrong tariff"), "tester");

        DebtSummary debt = debt(c);
        assertThat(debt.realDebt()).isEqualByComparingTo("1000.00");
        assertThat(debt.frozen().dispute()).isEqualByComparingTo("0.00");
        assertThat(debt.conditionalDebt()).as("the overdue invoice is not disputed").isEqualByComparingTo("1000.00");
    }

    // --- promises and installment agreements --------------------------------------------------

    @Test
    void aPromiseFreezesItsAmountLessWhatWasPaidSinceThePromise() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        payment("P0", c, null, today.minusDays(1), "100.00", "confirmed");

        freezes.add(c, new FreezeRequest("promise", new BigDecimal("600.00"), today.plusDays(3), null, null), "tester");

        DebtSummary debt = debt(c);
        assertThat(debt.realDebt()).isEqualByComparingTo("900.00");
        assertThat(debt.frozen().promise()).as("a payment before the promise does not count towards it")
                .isEqualByComparingTo("600.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("300.00");

        payment("P1", c, null, today, "250.00", "confirmed");

        debt = debt(c);
        assertThat(debt.realDebt()).isEqualByComparingTo("650.00");
        assertThat(debt.frozen().promise()).isEqualByComparingTo("350.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("300.00");

        payment("P2", c, null, today, "100.00", "unconfirmed");

        debt = debt(c);
        assertThat(debt.frozen().promise()).isEqualByComparingTo("250.00");
        assertThat(debt.frozen().unconfirmed()).isEqualByComparingTo("100.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("300.00");

        payment("P3", c, null, today, "400.00", "confirmed");

        assertThat(debt(c).frozen().promise()).as("paid more than promised").isEqualByComparingTo("0.00");
        assertThat(debt(c).conditionalDebt()).isEqualByComparingTo("150.00");
    }

    @Test
    void aPromiseFreezesUpToItsDateAndStopsTheDayAfter() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        freezes.add(c, new FreezeRequest("promise", new BigDecimal("800.00"), today, null, null), "tester");

        assertThat(debt(c).frozen().promise()).as("on the promised date").isEqualByComparingTo("800.00");
        assertThat(debt(c).conditionalDebt()).isEqualByComparingTo("200.00");

        nextDay();

        assertThat(debt(c).frozen().promise()).as("the day after, unpaid").isEqualByComparingTo("0.00");
        assertThat(debt(c).conditionalDebt()).isEqualByComparingTo("1000.00");
    }

    @Test
    void anInstallmentAgreementFreezesItsAmountUntilItsDate() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "1000.00");
        invoice("I2", c, today.minusDays(20), "600.00");

        freezes.add(c, new FreezeRequest("installment", new BigDecimal("1200.00"), today, null, "3 months"), "tester");

        DebtSummary debt = debt(c);
        assertThat(debt.realDebt()).isEqualByComparingTo("1600.00");
        assertThat(debt.frozen().installment()).isEqualByComparingTo("1200.00");
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("400.00");

        nextDay();

        assertThat(debt(c).frozen().installment()).isEqualByComparingTo("0.00");
        assertThat(debt(c).conditionalDebt()).isEqualByComparingTo("1600.00");
    }

    @Test
    void frozenAmountsNeverMakeConditionalDebtNegative() {
        String c = customer("C1");
        invoice("I1", c, today.minusDays(30), "400.00");
        invoice("I2", c, today.plusDays(5), "5000.00");
        freezes.add(c, new FreezeRequest("promise", new BigDecimal("300.00"), today.plusDays(7), null, null), "tester");
        freezes.add(c, new FreezeRequest("installment", new BigDecimal("300.00"), today.plusDays(60), null, null), "tester");
        freezes.add(c, new FreezeRequest("dispute", null, null, p + "I1", null), "tester");
        payment("P1", c, null, today, "350.00", "unconfirmed");

        DebtSummary debt = debt(c);
        assertThat(debt.realDebt()).isEqualByComparingTo("400.00");
        assertThat(debt.frozen().total()).isGreaterThan(debt.realDebt());
        assertThat(debt.conditionalDebt()).isEqualByComparingTo("0.00");
        assertThat(debt.balance()).isEqualByComparingTo("5400.00");
    }

    // --- paidSince ----------------------------------------------------------------------------

    @Test
    void paidSinceCountsConfirmedAndUnconfirmedPaymentsOnOrAfterTheDay() {
        String c = customer("C1");
        String other = customer("C2");
        invoice("I1", c, today.minusDays(30), "5000.00");
        payment("P1", c, null, today.minusDays(3), "100.00", "confirmed");
        payment("P2", c, null, today.minusDays(2), "200.00", "unconfirmed");
        payment("P3", c, p + "I1", today, "400.00", "confirmed");
        payment("P4", other, null, today, "999.00", "confirmed");

        assertThat(ledger.paidSince(c, today.minusDays(3))).isEqualByComparingTo("700.00");
        assertThat(ledger.paidSince(c, today.minusDays(2))).isEqualByComparingTo("600.00");
        assertThat(ledger.paidSince(c, today)).isEqualByComparingTo("400.00");
        assertThat(ledger.paidSince(c, today.plusDays(1))).isEqualByComparingTo("0.00");
    }

    // --- forEachWorthWorking ------------------------------------------------------------------

    @Test
    void customersWorthWorkingComeSmallestConditionalDebtFirstAndThoseBelowTheMinimumOrFullyFrozenAreLeftOut() {
        String large = customer("LARGE");
        invoice("IL", large, today.minusDays(30), "900.00");
        String minimum = customer("MIN");
        invoice("IM", minimum, today.minusDays(30), "300.00");
        String below = customer("BELOW");
        invoice("IB", below, today.minusDays(30), "299.99");
        String frozen = customer("FROZEN");
        invoice("IF", frozen, today.minusDays(30), "1000.00");
        freezes.add(frozen, new FreezeRequest("dispute", null, null, p + "IF", null), "tester");
        String partly = customer("PARTLY");
        invoice("IP", partly, today.minusDays(30), "1000.00");
        payment("PP", partly, null, today, "500.00", "unconfirmed");
        String inGrace = customer("GRACE");
        invoice("IG", inGrace, today.minusDays(5), "5000.00");
        String paid = customer("PAID");
        invoice("IX", paid, today.minusDays(30), "5000.00");
        payment("PX", paid, p + "IX", today, "5000.00", "confirmed");

        List<DebtSummary> worth = new ArrayList<>();
        ledger.forEachWorthWorking(null, debt -> {
            if (debt.customerId().startsWith(p)) {
                worth.add(debt);
            }
        });

        assertThat(worth).extracting(DebtSummary::customerId).containsExactly(minimum, partly, large);
        assertThat(worth).extracting(DebtSummary::conditionalDebt)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("300.00"), new BigDecimal("500.00"), new BigDecimal("900.00"));
        assertThat(worth).allMatch(DebtSummary::worthWorking);
    }

    @Test
    void customersWorthWorkingLeaveOutThoseTheCallerExcludes() {
        String first = customer("A");
        invoice("IA", first, today.minusDays(30), "400.00");
        String second = customer("B");
        invoice("IB", second, today.minusDays(30), "500.00");

        List<String> worth = new ArrayList<>();
        ledger.forEachWorthWorking("s.customer_id = '" + first + "'", debt -> {
            if (debt.customerId().startsWith(p)) {
                worth.add(debt.customerId());
            }
        });

        assertThat(worth).containsExactly(second);
    }

    // --- support ------------------------------------------------------------------------------

    private String customer(String name) {
        String id = p + name;
        load(RegistryKind.CUSTOMERS, "customer_id,name,group\n%s,Customer %s,individual\n".formatted(id, name));
        return id;
    }

    private void invoice(String id, String customer, LocalDate dueOn, String amount) {
        load(RegistryKind.INVOICES, "invoice_id,customer_id,due_on,amount\n%s,%s,%s,%s\n"
                .formatted(p + id, customer, dueOn, amount));
    }

    /** {@code invoiceId} is the whole id (or null for a payment naming no invoice). */
    private void payment(String id, String customer, String invoiceId, LocalDate paidOn, String amount, String status) {
        load(RegistryKind.PAYMENTS, "payment_id,customer_id,invoice_id,paid_on,amount,status\n%s,%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, invoiceId == null ? "" : invoiceId, paidOn, amount, status));
    }

    private void load(RegistryKind kind, String csv) {
        ImportReport report = registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.errors()).as("import errors of " + csv).isEmpty();
        assertThat(report.accepted()).as("rows accepted of " + csv).isEqualTo(1);
    }

    private DebtSummary debt(String customer) {
        return ledger.debtOf(customer);
    }

    /** Moves business time to the next day (the shared clock only moves forward). */
    private void nextDay() {
        time.advance(Duration.ofDays(1));
        today = clock.today();
    }
}
