package dev.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

import dev.dunning.support.Api;
import dev.dunning.support.PostgresTest;

/**
 * The README's walkthrough, step by step, on PostgreSQL: the sample registries to a settled case.
 * Like a new user, it starts from an empty database of its own (hence its own context).
 */
@PostgresTest
@TestPropertySource(properties = "spring.application.name=dunning-walkthrough")
class WalkthroughPostgresTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeWalkthroughTakesADebtFromTheRegistryToASettledCase() throws Exception {
        Api admin = Api.as(rest, "admin");
        Api collector = Api.as(rest, "collector");

        // 1. registries: customers, invoices (text/csv), payments (multipart); again = unchanged; bad rows reported
        assertThat(admin.importCsv("customers", sample("customers.csv")).get("rejected")).isEqualTo(0);
        Map<String, Object> invoices = admin.importCsv("invoices", sample("invoices.csv"));
        assertThat(invoices.get("rejected")).isEqualTo(0);
        assertThat(multipart(Path.of("samples/payments.csv")).get("rejected")).isEqualTo(0);
        Map<String, Object> again = admin.importCsv("invoices", sample("invoices.csv"));
        assertThat(again).containsEntry("accepted", 0).containsEntry("unchanged", invoices.get("accepted"));
        Map<String, Object> invalid = admin.importCsv("invoices", sample("invalid-invoices.csv"));
        assertThat((Integer) invalid.get("rejected")).isPositive();
        assertThat((List<Map<String, Object>>) invalid.get("errors"))
                .allSatisfy(error -> assertThat(error).containsKeys("line", "message"));

        // 2. who owes what
        Map<String, Object> customer = admin.get("/api/customers/C-1001");
        assertThat(((Number) customer.get("realDebt")).doubleValue()).isPositive();

        // 3. the evaluation opens a case with a first reminder
        admin.post("/api/admin/evaluate", Map.of());
        assertThat((Map<String, Object>) admin.get("/api/customers/C-1001").get("case"))
                .containsEntry("status", "open").containsEntry("stage", "reminder");
        assertThat(admin.list("/api/notifications?customer=C-1001"))
                .extracting(notice -> notice.get("template")).containsExactly("first-reminder");

        // 4. twelve days later a collector calls; a refusal brings the pre-trial claim
        admin.post("/api/admin/clock", Map.of("advance", "P12D"));
        Map<String, Object> task = collector.list("/api/tasks").stream()
                .filter(each -> "C-1001".equals(each.get("customerId")) && "callDebtor".equals(each.get("activityId")))
                .findFirst().orElseThrow();
        collector.post("/api/tasks/" + task.get("id") + "/claim", Map.of());
        collector.post("/api/tasks/" + task.get("id") + "/complete",
                Map.of("callOutcome", "refused", "note", "disputes nothing, will not pay"));
        assertThat((Map<String, Object>) admin.get("/api/customers/C-1001").get("case")).containsEntry("stage", "pretrial");

        // 5. the debtor pays: settled at once, thanked
        admin.post("/api/payments", Map.of("paymentId", "PAY-WALK-1", "customerId", "C-1001",
                "paidOn", "2026-03-14", "amount", "2750.20"));
        assertThat((Map<String, Object>) admin.get("/api/customers/C-1001").get("case")).containsEntry("status", "settled");
        assertThat(admin.list("/api/notifications?customer=C-1001").get(0)).containsEntry("template", "thank-you");
        assertThat(admin.list("/api/customers/C-1001/timeline"))
                .extracting(event -> event.get("kind")).contains("case-opened", "task-completed", "case-settled");
    }

    private static String sample(String name) throws Exception {
        return Files.readString(Path.of("samples", name));
    }

    private Map<String, Object> multipart(Path file) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new FileSystemResource(file));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var response = rest.withBasicAuth("admin", "admin").exchange("/api/imports/payments", HttpMethod.POST,
                new HttpEntity<>(body, headers), Map.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as("multipart import: %s", response.getBody()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> report = response.getBody();
        return report;
    }
}
