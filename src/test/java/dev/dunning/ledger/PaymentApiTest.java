package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dunning.support.DunningTest;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/** {@code POST /api/payments}: one payment from a payment system, checked and stored like a registry row. */
@DunningTest
class PaymentApiTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    Timeline timeline;

    private final String p = "Y" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @BeforeEach
    void customerWithAnInvoice() {
        post("/api/imports/customers", "text/csv", "customer_id,name,group\n%sC1,Sample Customer,individual\n".formatted(p));
        post("/api/imports/invoices", "text/csv", "invoice_id,customer_id,due_on,amount\n%1$sI1,%1$sC1,2026-01-31,1200.00\n".formatted(p));
    }

    @Test
    void aNewPaymentIsCreatedAndNotedInTheCustomersTimeline() {
        ResponseEntity<JsonNode> response = payment(Map.of("paymentId", p + "P1", "customerId", p + "C1",
                "invoiceId", p + "I1", "paidOn", "2026-02-01", "amount", "1200.00"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().get("result").asText()).isEqualTo("accepted");
        assertThat(timeline.of(p + "C1")).extracting(TimelineEvent::kind, TimelineEvent::actor, TimelineEvent::summary)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("payment-recorded", "admin",
                        "payment " + p + "P1 of 1200.00 RUB recorded (confirmed)"));
    }

    @Test
    void theSamePaymentReportedAgainIsUnchangedAndNotNotedTwice() {
        Map<String, Object> payment = Map.of("paymentId", p + "P1", "customerId", p + "C1", "paidOn", "2026-02-01",
                "amount", 500, "currency", "RUB");
        payment(payment);

        ResponseEntity<JsonNode> again = payment(payment);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("result").asText()).isEqualTo("unchanged");
        assertThat(timeline.of(p + "C1")).hasSize(1);
    }

    @Test
    void anUnconfirmedPaymentIsConfirmedByReportingItAgainAsConfirmed() {
        payment(Map.of("paymentId", p + "P1", "customerId", p + "C1", "paidOn", "2026-02-01", "amount", "300.00",
                "status", "unconfirmed"));

        ResponseEntity<JsonNode> confirmed = payment(Map.of("paymentId", p + "P1", "customerId", p + "C1",
                "paidOn", "2026-02-01", "amount", "300.00", "status", "confirmed"));

        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(confirmed.getBody().get("result").asText()).isEqualTo("accepted");
        assertThat(timeline.of(p + "C1")).extracting(TimelineEvent::summary).containsExactly(
                "payment " + p + "P1 of 300.00 RUB recorded (unconfirmed)",
                "payment " + p + "P1 of 300.00 RUB recorded (confirmed)");
    }

    @Test
    void anInvalidPaymentIsUnprocessableWithAnErrorPerField() {
        ResponseEntity<JsonNode> response = payment(Map.of("paymentId", p + "P1", "customerId", p + "C1",
                "paidOn", "01.02.2026", "amount", "12.345"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors")).extracting(error -> error.get("field").asText())
                .containsExactly("paidOn", "amount");
        assertThat(response.getBody().at("/errors/1/message").asText())
                .isEqualTo("amount 12.345 has 3 decimals; at most 2 are allowed");
    }

    @Test
    void aPaymentOfAnUnknownCustomerIsUnprocessable() {
        ResponseEntity<JsonNode> response = payment(Map.of("paymentId", p + "P1", "customerId", p + "C404",
                "paidOn", "2026-02-01", "amount", "10.00"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getBody().at("/errors/0/field").asText()).isEqualTo("customerId");
    }

    @Test
    void aPaymentThatContradictsTheStoredOneIsAConflict() {
        payment(Map.of("paymentId", p + "P1", "customerId", p + "C1", "paidOn", "2026-02-01", "amount", "300.00"));

        ResponseEntity<JsonNode> response = payment(Map.of("paymentId", p + "P1", "customerId", p + "C1",
                "paidOn", "2026-02-01", "amount", "350.00"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().at("/errors/0/field").asText()).isEqualTo("amount");
        assertThat(response.getBody().at("/errors/0/message").asText())
                .isEqualTo("payment " + p + "P1 was imported with amount 300.00; a correction must come as a new payment");
    }

    private ResponseEntity<JsonNode> payment(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("admin", "admin").postForEntity("/api/payments", new HttpEntity<>(body, headers), JsonNode.class);
    }

    private void post(String path, String contentType, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        ResponseEntity<ImportReport> response = rest.withBasicAuth("admin", "admin")
                .postForEntity(path, new HttpEntity<>(body, headers), ImportReport.class);
        assertThat(response.getBody().rejected()).as("set-up import %s", response.getBody().errors()).isZero();
    }
}
