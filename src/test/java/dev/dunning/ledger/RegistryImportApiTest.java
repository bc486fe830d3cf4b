package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dunning.support.DunningTest;

/** Registries imported through the real HTTP API, as billing sends them. */
@DunningTest
class RegistryImportApiTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    /** The shared database holds other tests' rows: every id here starts with this test's own prefix. */
    private final String p = "A" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void goodRowsAreKeptAndEachBadRowIsReportedWithItsLineColumnAndReason() {
        importCustomers(p + "C1", p + "C2");

        ResponseEntity<ImportReport> response = post("invoices", """
                invoice_id,customer_id,due_on,amount,currency,note
                %1$sI1,%1$sC1,2026-01-31,1200.00,RUB,good
                %1$sI2,%1$sC1,31.01.2026,1200.00,RUB,bad date
                %1$sI3,%1$sC9,2026-01-31,1200.00,RUB,unknown customer
                %1$sI4,%1$sC2,2026-02-15,99.999,RUB,three decimals
                %1$sI5,%1$sC2,2026-02-15,350.00,,good
                %1$sI6,%1$sC2,2026-02-15,350.00,USD,wrong currency
                """.formatted(p));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        ImportReport report = response.getBody();
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(report.errors()).extracting(ImportError::line, ImportError::column, ImportError::message).containsExactly(
                tuple(3L, "due_on", "due_on must be a date like 2026-01-31, not '31.01.2026'"),
                tuple(4L, "customer_id", "customer " + p + "C9 does not exist; import it with the customers registry first"),
                tuple(5L, "amount", "amount 99.999 has 3 decimals; at most 2 are allowed"),
                tuple(7L, "currency", "currency must be RUB (the ledger currency), not 'USD'"));
        assertThat(invoiceAmount(p + "I1")).isEqualByComparingTo("1200.00");
        assertThat(jdbc.sql("SELECT currency FROM invoice WHERE invoice_id = ?").param(p + "I5").query(String.class).single())
                .isEqualTo("RUB");
    }

    @Test
    void importingTheSameFilesTwiceChangesNothingTheSecondTime() {
        String customers = customersCsv(p + "C1", p + "C2");
        String invoices = """
                invoice_id,customer_id,contract,service,issued_on,due_on,amount
                %1$sI1,%1$sC1,K-1,water,2026-01-01,2026-01-31,1200.00
                %1$sI2,%1$sC2,K-2,heating,2026-01-01,2026-01-31,800.50
                """.formatted(p);
        String payments = """
                payment_id,customer_id,invoice_id,paid_on,amount,status
                %1$sP1,%1$sC1,%1$sI1,2026-02-01,1200.00,confirmed
                %1$sP2,%1$sC2,,2026-02-02,100.00,unconfirmed
                """.formatted(p);

        assertThat(post("customers", customers).getBody().accepted()).isEqualTo(2);
        assertThat(post("invoices", invoices).getBody().accepted()).isEqualTo(2);
        assertThat(post("payments", payments).getBody().accepted()).isEqualTo(2);

        for (var again : new String[][] {{"customers", customers}, {"invoices", invoices}, {"payments", payments}}) {
            ImportReport report = post(again[0], again[1]).getBody();
            assertThat(report.accepted()).as(again[0]).isZero();
            assertThat(report.unchanged()).as(again[0]).isEqualTo(2);
            assertThat(report.rejected()).as(again[0]).isZero();
        }
    }

    @Test
    void aCustomerWhoseDetailsChangedIsUpdated() {
        importCustomers(p + "C1");

        ImportReport report = post("customers", """
                customer_id,name,group,email,locale,time_zone
                %sC1,Renamed Sample,business,billing@example.org,en,Europe/London
                """.formatted(p)).getBody();

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT group_name FROM customer WHERE customer_id = ?").param(p + "C1").query(String.class).single())
                .isEqualTo("business");
    }

    @Test
    void anInvoiceMayHaveItsDueDateCorrectedButNotItsAmount() {
        importCustomers(p + "C1");
        post("invoices", "invoice_id,customer_id,due_on,amount\n%1$sI7,%1$sC1,2026-01-31,1200.00\n".formatted(p));

        ImportReport report = post("invoices", """
                invoice_id,customer_id,due_on,amount
                %1$sI7,%1$sC1,2026-02-28,1200.00
                %1$sI7,%1$sC1,2026-02-28,1500.00
                """.formatted(p)).getBody();

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.errors()).extracting(ImportError::line, ImportError::column, ImportError::message).containsExactly(
                tuple(3L, "amount", "invoice " + p + "I7 was imported with amount 1200.00; a correction must come as a new invoice"));
        assertThat(jdbc.sql("SELECT due_on FROM invoice WHERE invoice_id = ?").param(p + "I7").query(LocalDate.class).single())
                .isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(invoiceAmount(p + "I7")).isEqualByComparingTo("1200.00");
    }

    @Test
    void theSameIdTwiceInOneFileIsComparedWithTheEarlierRow() {
        importCustomers(p + "C1", p + "C2");

        ImportReport report = post("invoices", """
                invoice_id,customer_id,due_on,amount
                %1$sI1,%1$sC1,2026-01-31,100.00
                %1$sI1,%1$sC1,2026-01-31,100.00
                %1$sI1,%1$sC2,2026-01-31,100.00
                """.formatted(p)).getBody();

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.errors()).extracting(ImportError::line, ImportError::message).containsExactly(
                tuple(4L, "invoice " + p + "I1 was imported for customer " + p + "C1; a correction must come as a new invoice"));
    }

    @Test
    void aPaymentThatContradictsTheStoredOneIsRejectedNamingTheStoredValue() {
        importCustomers(p + "C1");
        post("payments", "payment_id,customer_id,paid_on,amount\n%1$sP1,%1$sC1,2026-02-01,500.00\n".formatted(p));

        ImportReport report = post("payments", """
                payment_id,customer_id,paid_on,amount
                %1$sP1,%1$sC1,2026-02-03,500.00
                """.formatted(p)).getBody();

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.errors()).extracting(ImportError::column, ImportError::message).containsExactly(
                tuple("paid_on", "payment " + p + "P1 was imported as paid on 2026-02-01; a correction must come as a new payment"));
    }

    @Test
    void anUnconfirmedPaymentBecomesConfirmedButNeverBack() {
        importCustomers(p + "C1");
        post("payments", "payment_id,customer_id,paid_on,amount,status\n%1$sP1,%1$sC1,2026-02-01,500.00,unconfirmed\n".formatted(p));

        ImportReport confirmed = post("payments",
                "payment_id,customer_id,paid_on,amount,status\n%1$sP1,%1$sC1,2026-02-01,500.00,confirmed\n".formatted(p)).getBody();
        ImportReport unconfirmedAgain = post("payments",
                "payment_id,customer_id,paid_on,amount,status\n%1$sP1,%1$sC1,2026-02-01,500.00,unconfirmed\n".formatted(p)).getBody();

        assertThat(confirmed.accepted()).isEqualTo(1);
        assertThat(unconfirmedAgain.rejected()).isEqualTo(1);
        assertThat(unconfirmedAgain.errors()).extracting(ImportError::column, ImportError::message).containsExactly(
                tuple("status", "payment " + p + "P1 was imported as confirmed; a confirmed payment cannot become unconfirmed"));
        assertThat(jdbc.sql("SELECT status FROM payment WHERE payment_id = ?").param(p + "P1").query(String.class).single())
                .isEqualTo("confirmed");
    }

    @Test
    void aPaymentMustNameAnExistingInvoiceOfItsOwnCustomer() {
        importCustomers(p + "C1", p + "C2");
        post("invoices", "invoice_id,customer_id,due_on,amount\n%1$sI2,%1$sC2,2026-01-31,100.00\n".formatted(p));

        ImportReport report = post("payments", """
                payment_id,customer_id,invoice_id,paid_on,amount
                %1$sP1,%1$sC1,%1$sI2,2026-02-01,100.00
                %1$sP2,%1$sC1,%1$sI9,2026-02-01,100.00
                """.formatted(p)).getBody();

        assertThat(report.errors()).extracting(ImportError::line, ImportError::column, ImportError::message).containsExactly(
                tuple(2L, "invoice_id", "invoice " + p + "I2 belongs to customer " + p + "C2, not to " + p + "C1"),
                tuple(3L, "invoice_id", "invoice " + p + "I9 does not exist; import it with the invoices registry first"));
    }

    @Test
    void aRowWithTooFewFieldsIsRejectedAsAWhole() {
        importCustomers(p + "C1");

        ImportReport report = post("invoices", "invoice_id,customer_id,due_on,amount\n%1$sI1,%1$sC1,2026-01-31\n".formatted(p))
                .getBody();

        assertThat(report.errors()).extracting(ImportError::line, ImportError::column, ImportError::message)
                .containsExactly(tuple(2L, null, "the row has 3 fields but the header names 4 columns"));
    }

    @Test
    void aQuoteNeverClosedRefusesTheWholeFileNamingTheLineWhereItOpened() {
        importCustomers(p + "C1");

        ResponseEntity<JsonNode> response = admin().postForEntity("/api/imports/invoices", csv("""
                invoice_id,customer_id,due_on,amount
                %1$sI1,%1$sC1,2026-01-31,100.00
                %1$sI2,"%1$sC1,2026-01-31,100.00
                %1$sI3,%1$sC1,2026-01-31,100.00
                """.formatted(p)), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getBody().at("/errors/0/line").asLong()).isEqualTo(3L);
        assertThat(response.getBody().at("/errors/0/message").asText())
                .isEqualTo("a quote opened on line 3 is never closed, so the rest of the file reads as one field; nothing was imported");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invoice WHERE invoice_id LIKE ?").param(p + "%").query(Long.class).single())
                .isZero();
    }

    @Test
    void aRegistryMayBeUploadedAsTheMultipartFieldFile() {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(customersCsv(p + "C1").getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "customers.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<ImportReport> response = admin().postForEntity("/api/imports/customers",
                new HttpEntity<>(form, headers), ImportReport.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().accepted()).isEqualTo(1);
    }

    @Test
    void aFileWithoutARequiredColumnIsRefusedAsAWholeNamingTheColumn() {
        ResponseEntity<JsonNode> response = admin().postForEntity("/api/imports/invoices",
                csv("invoice_id,customer_id,amount\n%1$sI1,%1$sC1,100.00\n".formatted(p)), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().at("/errors/0/column").asText()).isEqualTo("due_on");
        assertThat(response.getBody().at("/errors/0/message").asText())
                .isEqualTo("the required column due_on is missing from the header, so nothing was imported");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invoice WHERE invoice_id = ?").param(p + "I1").query(Long.class).single()).isZero();
    }

    @Test
    void anUnknownRegistryIsNotFound() {
        ResponseEntity<JsonNode> response = admin().postForEntity("/api/imports/debtors", csv("a\n1\n"), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asText()).contains("customers, invoices or payments");
    }

    @Test
    void onlyAdminsMayImport() {
        ResponseEntity<String> response = rest.withBasicAuth("collector", "collector")
                .postForEntity("/api/imports/customers", csv(customersCsv(p + "C1")), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theErrorListIsCappedAndCountsTheErrorsLeftOut() {
        StringBuilder invoices = new StringBuilder("invoice_id,customer_id,due_on,amount\n");
        for (int i = 0; i < 1_200; i++) {
            invoices.append(p).append("I").append(i).append(",").append(p).append("C1,2026-01-31,0\n");
        }

        ImportReport report = post("invoices", invoices.toString()).getBody();

        assertThat(report.rejected()).isEqualTo(1_200);
        assertThat(report.errors()).hasSize(1_000);
        assertThat(report.moreErrors()).isEqualTo(200);
    }

    private void importCustomers(String... ids) {
        ImportReport report = post("customers", customersCsv(ids)).getBody();
        assertThat(report.rejected()).as("customers import: %s", report.errors()).isZero();
    }

    private static String customersCsv(String... ids) {
        StringBuilder csv = new StringBuilder("customer_id,name,group,email,phone,locale,time_zone\n");
        for (String id : ids) {
            csv.append(id).append(",Sample Customer ").append(id).append(",individual,").append("sample@example.org,")
                    .append("+7 900 000-00-00,ru,Europe/Moscow\n");
        }
        return csv.toString();
    }

    private BigDecimal invoiceAmount(String invoiceId) {
        return jdbc.sql("SELECT amount FROM invoice WHERE invoice_id = ?").param(invoiceId).query(BigDecimal.class).single();
    }

    private ResponseEntity<ImportReport> post(String registry, String body) {
        return admin().postForEntity("/api/imports/" + registry, csv(body), ImportReport.class);
    }

    private static HttpEntity<String> csv(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
        return new HttpEntity<>(body, headers);
    }

    private TestRestTemplate admin() {
        return rest.withBasicAuth("admin", "admin");
    }
}
