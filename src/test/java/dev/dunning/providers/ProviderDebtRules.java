package dev.dunning.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import dev.dunning.cases.CaseView;
import dev.dunning.cases.Cases;
import dev.dunning.cases.Evaluation;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.ImportReport;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.OpenInvoice;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.support.Api;

/**
 * Debt worked per provider, through the real SQL: the water company ({@code water}, {@code sewage}) and the heating
 * company ({@code heating}, on the utilities plan) bill the same households. Each provider's part is worked in a case
 * of its own; money given to one provider never settles another's; the customer's whole debt is still one figure.
 * Customers are of group {@code individual} (grace 5 days, minimum 300.00 on both plans).
 * Run on H2 by {@link ProviderDebtTest} and on PostgreSQL by {@link ProviderDebtPostgresTest}.
 */
abstract class ProviderDebtRules {

    @Autowired
    RegistryImport registries;
    @Autowired
    Ledger ledger;
    @Autowired
    Evaluation evaluation;
    @Autowired
    Cases cases;
    @Autowired
    RuntimeService runtime;
    @Autowired
    BusinessClock clock;
    @Autowired
    Freezes freezes;
    @Autowired
    DebtPositions positions;
    @Autowired
    TestRestTemplate rest;

    private final String p = "PV" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private LocalDate today;

    @BeforeEach
    void today() {
        today = clock.today();
    }

    @Test
    void eachProviderBilledHasAPartOfTheDebtAndTheWholeIsTheirSum() {
        String c = customer("C");
        invoice("W1", c, "water", 30, "1000.00");
        invoice("S1", c, "sewage", 20, "200.00");
        invoice("H1", c, "heating", 40, "800.00");
        invoice("X1", c, "", 25, "150.00");

        Map<String, DebtSummary> parts = parts(c);
        assertThat(parts.keySet()).containsExactlyInAnyOrder("water", "heating", "-");
        assertThat(parts.get("water").realDebt()).isEqualByComparingTo("1200.00");
        assertThat(parts.get("heating").realDebt()).isEqualByComparingTo("800.00");
        assertThat(parts.get("-").realDebt()).as("what no provider billed").isEqualByComparingTo("150.00");
        assertThat(parts.get("heating").planKey()).as("the provider's plan").isEqualTo("utilities-individual");
        assertThat(parts.get("water").planKey()).as("the customer's own plan").isEqualTo("individual-standard");
        assertThat(ledger.debtOf(c).realDebt()).isEqualByComparingTo("2150.00");
        assertThat(ledger.debtOf(c).oldestDueOn()).isEqualTo(today.minusDays(40));
    }

    @Test
    void aPaymentForAProviderPaysOnlyThatProvidersInvoicesAndItsCreditStaysWithIt() {
        String c = customer("C");
        invoice("W1", c, "water", 30, "1000.00");
        invoice("H1", c, "heating", 40, "800.00");

        payment("P1", c, null, "1500.00", "water");

        assertThat(parts(c).get("water").realDebt()).isEqualByComparingTo("0.00");
        assertThat(parts(c).get("heating").realDebt())
                .as("the 500.00 the water company got too much is not the heating company's money")
                .isEqualByComparingTo("800.00");
        assertThat(ledger.openInvoices(c)).extracting(OpenInvoice::invoiceId).containsExactly(p + "H1");
    }

    @Test
    void aPaymentNamingNobodyPaysTheOldestInvoicesWhoeverBilledThem() {
        String c = customer("C");
        invoice("W1", c, "water", 30, "1000.00");
        invoice("H1", c, "heating", 40, "800.00");

        payment("P1", c, null, "900.00", null);

        assertThat(parts(c).get("heating").realDebt()).isEqualByComparingTo("0.00");
        assertThat(parts(c).get("water").realDebt()).isEqualByComparingTo("900.00");
        assertThat(ledger.openInvoices(c, "water")).singleElement()
                .satisfies(open -> assertThat(open.open()).isEqualByComparingTo("900.00"));
        assertThat(ledger.openInvoices(c, "heating")).isEmpty();
    }

    @Test
    void whatIsDueOnAComingDateCountsAProvidersCreditOnlyAgainstThatProvidersInvoices() {
        String c = customer("C");
        invoice("W1", c, "water", -5, "500.00");
        invoice("H1", c, "heating", -5, "400.00");

        payment("P1", c, null, "800.00", "water");

        assertThat(ledger.amountDue(c, today.plusDays(5))).as("heating's 400.00; water's 300.00 credit stays water's")
                .isEqualByComparingTo("400.00");
        payment("P2", c, null, "150.00", null);
        assertThat(ledger.amountDue(c, today.plusDays(5))).isEqualByComparingTo("250.00");
    }

    @Test
    void whatOverpaysAnInvoiceStaysWithItsProviderBeforeTheCommonPoolPaysTheRest() {
        String c = customer("C");
        invoice("H1", c, "heating", 40, "600.00");
        invoice("W1", c, "water", 30, "500.00");
        invoice("W2", c, "water", 20, "400.00");

        payment("P1", c, p + "W1", "700.00", null);
        payment("P2", c, null, "100.00", null);

        assertThat(parts(c).get("water").realDebt()).as("W1 paid, its 200.00 excess paid W2 down to 200.00")
                .isEqualByComparingTo("200.00");
        assertThat(parts(c).get("heating").realDebt()).as("only the 100.00 naming nobody reached heating")
                .isEqualByComparingTo("500.00");
        assertThat(ledger.openInvoices(c)).extracting(OpenInvoice::invoiceId).containsExactly(p + "H1", p + "W2");
        assertThat(ledger.openInvoices(c)).extracting(OpenInvoice::open).map(java.math.BigDecimal::toPlainString)
                .containsExactly("500.00", "200.00");
    }

    @Test
    void theStatementShowsWhichProvidersInvoicesEachPaymentPaidAndTheCreditItLeft() {
        String c = customer("C");
        invoice("H1", c, "heating", 40, "800.00");
        invoice("W1", c, "water", 30, "1000.00");
        payment("P1", c, null, "1500.00", "water");
        payment("P2", c, null, "300.00", null);

        var statement = ledger.statement(c);

        assertThat(statement.payments()).hasSize(2);
        var forWater = statement.payments().get(0);
        assertThat(forWater.paid()).singleElement().satisfies(allocation -> {
            assertThat(allocation.invoiceId()).isEqualTo(p + "W1");
            assertThat(allocation.amount()).isEqualByComparingTo("1000.00");
        });
        assertThat(forWater.credit()).as("the water company's credit").isEqualByComparingTo("500.00");
        assertThat(statement.payments().get(1).paid()).singleElement().satisfies(allocation -> {
            assertThat(allocation.invoiceId()).isEqualTo(p + "H1");
            assertThat(allocation.amount()).isEqualByComparingTo("300.00");
        });
        assertThat(statement.invoices()).extracting(line -> line.outstanding().toPlainString())
                .as("as the debt is worked out").containsExactly("500.00", "0.00");
        assertThat(parts(c).get("heating").realDebt()).isEqualByComparingTo("500.00");
    }

    @Test
    void theEvaluationOpensACaseForEachProvidersPartWorthWorkingAndAPaymentToOneSettlesOnlyItsCase() {
        String c = customer("C");
        invoice("W1", c, "water", 30, "1000.00");
        invoice("H1", c, "heating", 40, "800.00");
        invoice("H0", c, "heating", 60, "0.01");
        invoice("X1", c, "", 25, "100.00");

        evaluation.evaluate();

        Map<String, CaseView> open = casesInWork(c);
        assertThat(open.keySet()).as("no case for the 100.00 nobody billed: below the minimum")
                .containsExactlyInAnyOrder("water", "heating");
        assertThat(open.get("heating").plan()).isEqualTo("utilities-individual");
        assertThat(open.get("water").plan()).isEqualTo("individual-standard");
        assertThat(runtime.getVariable(open.get("water").processInstanceId(), "provider")).isEqualTo("water");
        assertThat(runtime.getVariable(open.get("heating").processInstanceId(), "provider")).isEqualTo("heating");

        payment("P1", c, null, "1000.00", "water");

        assertThat(cases.get(open.get("water").id()).status()).isEqualTo("settled");
        assertThat(cases.get(open.get("heating").id()).status()).as("heating was not paid").isEqualTo("open");

        evaluation.evaluate();
        assertThat(casesInWork(c).keySet()).as("a second evaluation opens nothing twice").containsExactly("heating");
    }

    @Test
    void aPaymentForAProviderNobodyKnowsOrForAnotherProvidersInvoiceIsRefusedNamingTheColumn() {
        String c = customer("C");
        invoice("W1", c, "water", 30, "1000.00");

        ImportReport unknown = import_(RegistryKind.PAYMENTS, "payment_id,customer_id,paid_on,amount,provider\n"
                + p + "P1," + c + "," + today + ",100.00,gas\n");
        ImportReport mismatch = import_(RegistryKind.PAYMENTS, "payment_id,customer_id,invoice_id,paid_on,amount,provider\n"
                + p + "P2," + c + "," + p + "W1," + today + ",100.00,heating\n");

        assertThat(unknown.accepted()).isZero();
        assertThat(unknown.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(2L);
            assertThat(error.column()).isEqualTo("provider");
            assertThat(error.message()).contains("'gas'").contains("heating, water");
        });
        assertThat(mismatch.accepted()).isZero();
        assertThat(mismatch.errors()).singleElement().satisfies(error -> {
            assertThat(error.column()).isEqualTo("provider");
            assertThat(error.message()).contains("provider water's, not provider heating's");
        });
        assertThat(ledger.debtOf(c).realDebt()).as("nothing half-applied").isEqualByComparingTo("1000.00");
    }

    @Test
    void theDebtPictureShowsEachProvidersPartWithItsOwnFreezesAndAnUnknownProviderIsRefused() {
        String building = p + "B";
        String c = customer("C", building);
        invoice("W1", c, "water", 40, "1000.00");
        invoice("S1", c, "sewage", 40, "200.00");
        invoice("H1", c, "heating", 40, "800.00");
        freezes.add(c, new FreezeRequest("promise", new BigDecimal("300.00"), today.plusDays(5), null,
                "promised to the heating company", "heating"), "collector");
        positions.refreshAll();

        assertThat(dashboardDebt(building, null)).containsEntry("realDebt", 2000.0).containsEntry("conditionalDebt", 1700.0);
        assertThat(dashboardDebt(building, "water")).as("the promise is heating's, not water's")
                .containsEntry("realDebt", 1200.0).containsEntry("conditionalDebt", 1200.0);
        assertThat(dashboardDebt(building, "heating")).containsEntry("realDebt", 800.0)
                .containsEntry("conditionalDebt", 500.0);

        var unknown = Api.as(rest, "manager").getForResponse("/api/dashboard?provider=gas");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(String.valueOf(unknown.getBody().get("detail"))).contains("provider: 'gas'").contains("heating, water");
    }

    @Test
    void theCustomerCardShowsTheWholeDebtAndEachProvidersPartWithItsCase() {
        String c = customer("C");
        invoice("W1", c, "water", 30, "1000.00");
        invoice("H1", c, "heating", 40, "800.00");
        evaluation.evaluate();

        String page = rest.withBasicAuth("manager", "manager").getForObject("/customers/" + c, String.class);

        assertThat(page).contains("id=\"debt-by-provider\"").contains("Vodokanal").contains("Teploset")
                .contains("utilities-individual").contains("individual-standard");
        assertThat(page.substring(page.indexOf("id=\"real-debt\""))).as("the whole debt first")
                .containsPattern("1[\\s\u00a0\u202f,]?800");
    }

    private Map<String, Double> dashboardDebt(String building, String provider) {
        Map<String, Object> json = Api.as(rest, "manager").get("/api/dashboard?building=" + building
                + (provider == null ? "" : "&provider=" + provider));
        Map<String, Double> debt = new java.util.HashMap<>();
        ((Map<?, ?>) json.get("debt")).forEach((key, value) -> {
            if (value instanceof Number number) {
                debt.put((String) key, number.doubleValue());
            }
        });
        return debt;
    }

    private Map<String, DebtSummary> parts(String customer) {
        return ledger.debtPartsOf(List.of(customer)).stream()
                .collect(Collectors.toMap(part -> part.provider() == null ? "-" : part.provider(), part -> part));
    }

    private Map<String, CaseView> casesInWork(String customer) {
        return cases.of(customer).stream()
                .filter(view -> view.status().equals("open") || view.status().equals("suspended"))
                .collect(Collectors.toMap(view -> view.provider() == null ? "-" : view.provider(), view -> view));
    }

    private String customer(String name) {
        return customer(name, "");
    }

    private String customer(String name, String building) {
        String id = p + name;
        load(RegistryKind.CUSTOMERS, "customer_id,name,group,building\n%s,Customer %s,individual,%s\n"
                .formatted(id, name, building));
        return id;
    }

    private void invoice(String id, String customer, String service, int daysOverdue, String amount) {
        load(RegistryKind.INVOICES, "invoice_id,customer_id,service,due_on,amount\n%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, service, today.minusDays(daysOverdue), amount));
    }

    /** {@code invoiceId} is the whole id (or null); {@code provider} null for a payment naming no provider. */
    private void payment(String id, String customer, String invoiceId, String amount, String provider) {
        load(RegistryKind.PAYMENTS, "payment_id,customer_id,invoice_id,paid_on,amount,provider\n%s,%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, invoiceId == null ? "" : invoiceId, today, amount,
                        provider == null ? "" : provider));
    }

    private void load(RegistryKind kind, String csv) {
        ImportReport report = import_(kind, csv);
        assertThat(report.errors()).as("import errors of " + csv).isEmpty();
        assertThat(report.accepted()).as("rows accepted of " + csv).isEqualTo(1);
    }

    private ImportReport import_(RegistryKind kind, String csv) {
        return registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
