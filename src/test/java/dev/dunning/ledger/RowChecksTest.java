package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dunning.plans.PlanCatalog;

/** What a single row must satisfy on its own, before any look-up in the ledger. Reading a row touches no database. */
class RowChecksTest {

    private final PlanCatalog plans = mock(PlanCatalog.class);
    private final CustomerGroups groups = new CustomerGroups(Map.of(
            "individual", new CustomerGroups.Group("individual-standard"),
            "business", new CustomerGroups.Group("business-standard"),
            "public", new CustomerGroups.Group("public-standard")));
    private final CustomerTable customers = new CustomerTable(null, null, groups, plans);
    private final InvoiceTable invoices = new InvoiceTable(null, null, "RUB");
    private final PaymentTable payments = new PaymentTable(null, null, "RUB", dev.dunning.providers.Providers.none());

    {
        when(plans.exists("individual-standard")).thenReturn(true);
    }

    @Test
    void aCompleteCustomerRowIsReadWithItsPhoneReducedToDigits() {
        RowValues row = row(Map.of("customer_id", "C-1", "name", "Ivan Sample", "group", "individual",
                "email", "ivan@example.org", "phone", "+7 (900) 000-00-01", "locale", "RU",
                "time_zone", "Europe/Moscow", "plan", "individual-standard"));

        Customer customer = customers.read(row);

        assertThat(row.problems()).isEmpty();
        assertThat(customer.phone()).isEqualTo("+79000000001");
        assertThat(customer.locale()).isEqualTo("ru");
        assertThat(customer.plan()).isEqualTo("individual-standard");
    }

    @Test
    void aCustomerWithoutNameOrGroupIsRefusedNamingEachMissingColumn() {
        RowValues row = row(Map.of("customer_id", "C-1", "name", "  "));

        customers.read(row);

        assertThat(row.problems()).extracting(RowProblem::column, RowProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("name", "name is required"),
                org.assertj.core.groups.Tuple.tuple("group", "group is required"));
    }

    @Test
    void aCustomerOfAnUnconfiguredGroupIsRefused() {
        assertThat(problemsOfCustomer("group", "vip")).containsExactly(
                "group must be one of business, individual, public, not 'vip'");
    }

    @Test
    void aCustomerOnAPlanThatIsNotDeployedIsRefused() {
        assertThat(problemsOfCustomer("plan", "gold-plan")).containsExactly("plan 'gold-plan' is not deployed");
    }

    @Test
    void aCustomerWithALocaleOtherThanRussianOrEnglishIsRefused() {
        assertThat(problemsOfCustomer("locale", "de")).containsExactly("locale must be one of en, ru, not 'de'");
    }

    @Test
    void aCustomerInAnUnknownTimeZoneIsRefused() {
        assertThat(problemsOfCustomer("time_zone", "Mars/Olympus")).containsExactly(
                "time_zone must be a zone like Europe/Moscow, not 'Mars/Olympus'");
    }

    @Test
    void anEmailNeedsOneAtSignAndADotInTheDomainAndIsNotEchoed() {
        assertThat(problemsOfCustomer("email", "ivan.example.org")).containsExactly("email is not an address like name@example.org");
        assertThat(problemsOfCustomer("email", "ivan@localhost")).hasSize(1);
        assertThat(problemsOfCustomer("email", "ivan@@example.org")).hasSize(1);
        assertThat(problemsOfCustomer("email", "ivan@example.org")).isEmpty();
    }

    @Test
    void aPhoneNeedsSevenToFifteenDigitsWithAnOptionalLeadingPlus() {
        assertThat(problemsOfCustomer("phone", "12-34")).containsExactly(
                "phone must have 7 to 15 digits with an optional leading + (spaces, dashes and brackets are ignored)");
        assertThat(problemsOfCustomer("phone", "+7 900 abc-00-01")).hasSize(1);
        assertThat(problemsOfCustomer("phone", "8 800 000 00 00 00 00 0")).hasSize(1);
        assertThat(problemsOfCustomer("phone", "8 (800) 000-00-00")).isEmpty();
    }

    @Test
    void aValueLongerThanItsColumnIsRefusedInsteadOfFailingTheWholeBatch() {
        assertThat(problemsOfCustomer("address", "x".repeat(501))).containsExactly("address is longer than 500 characters");
    }

    @Test
    void anIdSpanningLinesPointsAtAQuoteLeftOpen() {
        assertThat(problemsOfCustomer("customer_id", "C-1\nC-2")).containsExactly(
                "customer_id must be on one line without control characters (is a quote left open above?)");
    }

    @Test
    void aCompleteInvoiceRowIsReadWithItsAmountInCentsAndTheLedgerCurrency() {
        RowValues row = row(invoice(Map.of("amount", "1250.5")));

        InvoiceRow invoice = invoices.read(row);

        assertThat(row.problems()).isEmpty();
        assertThat(invoice.amount()).isEqualTo(new BigDecimal("1250.50"));
        assertThat(invoice.currency()).isEqualTo("RUB");
        assertThat(invoice.dueOn()).isEqualTo(LocalDate.of(2026, 1, 31));
    }

    @Test
    void anInvoiceWithoutDueDateIsRefused() {
        assertThat(problemsOfInvoice("due_on", "")).containsExactly("due_on is required");
    }

    @Test
    void aDateMustBeIsoAndExistInTheCalendar() {
        assertThat(problemsOfInvoice("due_on", "31.01.2026")).containsExactly(
                "due_on must be a date like 2026-01-31, not '31.01.2026'");
        assertThat(problemsOfInvoice("issued_on", "2026-02-30")).containsExactly(
                "issued_on '2026-02-30' is not a date of the calendar");
    }

    @Test
    void anAmountMustUseADotAsDecimalSeparator() {
        assertThat(problemsOfInvoice("amount", "1 250,50")).containsExactly(
                "amount must be a number with a dot as decimal separator, like 1250.50, not '1 250,50'");
        assertThat(problemsOfInvoice("amount", "12.5e3")).hasSize(1);
    }

    @Test
    void anAmountMustBeGreaterThanZero() {
        assertThat(problemsOfInvoice("amount", "0.00")).containsExactly("amount must be greater than 0, not 0.00");
        assertThat(problemsOfInvoice("amount", "-120.00")).containsExactly("amount must be greater than 0, not -120.00");
    }

    @Test
    void anAmountHasAtMostTwoDecimals() {
        assertThat(problemsOfInvoice("amount", "990.005")).containsExactly(
                "amount 990.005 has 3 decimals; at most 2 are allowed");
    }

    @Test
    void anAmountTooLargeForTheLedgerIsRefused() {
        assertThat(problemsOfInvoice("amount", "123456789012345678.00")).containsExactly(
                "amount is too large: an amount has at most 12 digits before the point");
    }

    @Test
    void aCurrencyOtherThanTheLedgersIsRefused() {
        assertThat(problemsOfInvoice("currency", "USD")).containsExactly(
                "currency must be RUB (the ledger currency), not 'USD'");
        assertThat(problemsOfInvoice("currency", "rub")).isEmpty();
    }

    @Test
    void aPaymentIsConfirmedUnlessSaidOtherwise() {
        RowValues row = row(payment(Map.of()));

        PaymentRow payment = payments.read(row);

        assertThat(row.problems()).isEmpty();
        assertThat(payment.status()).isEqualTo(PaymentRow.Status.CONFIRMED);
    }

    @Test
    void aPaymentStatusIsConfirmedOrUnconfirmed() {
        RowValues unconfirmed = row(payment(Map.of("status", "Unconfirmed")));
        assertThat(payments.read(unconfirmed).status()).isEqualTo(PaymentRow.Status.UNCONFIRMED);

        RowValues paid = row(payment(Map.of("status", "paid")));
        payments.read(paid);
        assertThat(paid.problems()).extracting(RowProblem::message)
                .containsExactly("status must be confirmed or unconfirmed, not 'paid'");
    }

    @Test
    void aPaymentReportsEveryBadColumnAtOnce() {
        RowValues row = row(payment(Map.of("paid_on", "yesterday", "amount", "0", "currency", "EUR")));

        payments.read(row);

        assertThat(row.problems()).extracting(RowProblem::column).containsExactly("paid_on", "amount", "currency");
        assertThat(row.problems()).noneMatch(RowProblem::conflict);
    }

    @Test
    void registryColumnsBecomeCamelCaseFieldNamesForTheJsonApi() {
        assertThat(RegistryImport.fieldName("paid_on")).isEqualTo("paidOn");
        assertThat(RegistryImport.fieldName("payment_id")).isEqualTo("paymentId");
        assertThat(RegistryImport.fieldName("amount")).isEqualTo("amount");
    }

    private List<String> problemsOfCustomer(String column, String value) {
        Map<String, String> values = new HashMap<>(Map.of("customer_id", "C-1", "name", "Ivan Sample", "group", "individual"));
        values.put(column, value);
        RowValues row = row(values);
        customers.read(row);
        return row.problems().stream().map(RowProblem::message).toList();
    }

    private List<String> problemsOfInvoice(String column, String value) {
        RowValues row = row(invoice(Map.of(column, value)));
        invoices.read(row);
        return row.problems().stream().map(RowProblem::message).toList();
    }

    private static Map<String, String> invoice(Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(Map.of("invoice_id", "INV-1", "customer_id", "C-1",
                "issued_on", "2026-01-01", "due_on", "2026-01-31", "amount", "1200.00"));
        values.putAll(changes);
        return values;
    }

    private static Map<String, String> payment(Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(Map.of("payment_id", "P-1", "customer_id", "C-1",
                "paid_on", "2026-02-01", "amount", "500.00"));
        values.putAll(changes);
        return values;
    }

    private static RowValues row(Map<String, String> values) {
        return new RowValues(new RawRow() {
            @Override
            public long line() {
                return 2;
            }

            @Override
            public String value(String column) {
                String value = values.get(column);
                return value == null || value.isBlank() ? null : value.strip();
            }
        });
    }
}
