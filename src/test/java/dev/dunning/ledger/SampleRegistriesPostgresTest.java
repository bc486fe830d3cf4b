package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dunning.support.PostgresTest;

/**
 * The sample registries of {@code samples/} imported into PostgreSQL through the API: the SQL of the
 * import works there, the samples are what the README walkthrough promises, and they import once.
 */
@PostgresTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleRegistriesPostgresTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Test
    @Order(1)
    void theSampleRegistriesImportWithoutARejectedRow() {
        assertReport(importSample("customers"), 20, 0);
        assertReport(importSample("invoices"), 40, 0);
        assertReport(importSample("payments"), 10, 0);

        long customersOverdueFiveDaysOnMarchSecond = jdbc.sql("""
                SELECT COUNT(DISTINCT customer_id) FROM invoice WHERE due_on < :fiveDaysBefore""")
                .param("fiveDaysBefore", LocalDate.of(2026, 2, 25)).query(Long.class).single();
        assertThat(customersOverdueFiveDaysOnMarchSecond).isGreaterThanOrEqualTo(15);
        assertThat(jdbc.sql("SELECT status FROM payment WHERE payment_id = 'PAY-2026-0009'").query(String.class).single())
                .isEqualTo("unconfirmed");
    }

    @Test
    @Order(2)
    void theSampleRegistriesImportedAgainChangeNothing() {
        assertReport(importSample("customers"), 0, 20);
        assertReport(importSample("invoices"), 0, 40);
        assertReport(importSample("payments"), 0, 10);
    }

    @Test
    @Order(3)
    void theInvalidSampleKeepsItsGoodRowsAndReportsEachKindOfBadRow() {
        ImportReport report = importSample("invalid-invoices", "invoices");

        assertThat(report.accepted()).isEqualTo(3);
        assertThat(report.rejected()).isEqualTo(12);
        assertThat(report.errors()).extracting(ImportError::line, ImportError::column).containsExactly(
                tuple(3L, "due_on"),
                tuple(4L, "due_on"),
                tuple(5L, "due_on"),
                tuple(6L, "amount"),
                tuple(7L, "amount"),
                tuple(8L, "amount"),
                tuple(9L, "amount"),
                tuple(10L, "customer_id"),
                tuple(11L, "currency"),
                tuple(12L, null),
                tuple(14L, "amount"),
                tuple(15L, "invoice_id"));
        assertThat(report.errors().get(10).message())
                .isEqualTo("invoice INV-BAD-0012 was imported with amount 5200.00; a correction must come as a new invoice");
    }

    @Test
    @Order(4)
    void aPaymentContradictingASamplePaymentIsAConflictAndAConfirmationIsAccepted() {
        ResponseEntity<JsonNode> conflict = payment(Map.of("paymentId", "PAY-2026-0001", "customerId", "C-1001",
                "invoiceId", "INV-2026-0001", "paidOn", "2026-01-14", "amount", "1000.00"));
        ResponseEntity<JsonNode> confirmation = payment(Map.of("paymentId", "PAY-2026-0009", "customerId", "C-2003",
                "invoiceId", "INV-2026-0031", "paidOn", "2026-02-27", "amount", "70000.00", "status", "confirmed"));

        assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflict.getBody().at("/errors/0/message").asText())
                .isEqualTo("payment PAY-2026-0001 was imported with amount 1250.50; a correction must come as a new payment");
        assertThat(confirmation.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT status FROM payment WHERE payment_id = 'PAY-2026-0009'").query(String.class).single())
                .isEqualTo("confirmed");
    }

    private static void assertReport(ImportReport report, long accepted, long unchanged) {
        assertThat(report.errors()).isEmpty();
        assertThat(report.accepted()).isEqualTo(accepted);
        assertThat(report.unchanged()).isEqualTo(unchanged);
    }

    private ImportReport importSample(String registry) {
        return importSample(registry, registry);
    }

    private ImportReport importSample(String sample, String registry) {
        String csv;
        try {
            csv = Files.readString(Path.of("samples", sample + ".csv"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv; charset=UTF-8"));
        ResponseEntity<ImportReport> response = rest.withBasicAuth("admin", "admin")
                .postForEntity("/api/imports/" + registry, new HttpEntity<>(csv, headers), ImportReport.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<JsonNode> payment(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("admin", "admin").postForEntity("/api/payments", new HttpEntity<>(body, headers), JsonNode.class);
    }
}
