package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.support.DunningTest;

/**
 * {@code dunning.imports.max-upload-size} (16 KB here, 2 GB by default): a larger registry is refused with 413 and a
 * message naming the limit and the property, whether it comes as a body of known length, as a chunked body that is
 * cut off where it passes the limit, or as a multipart file; and nothing of it is stored.
 */
@DunningTest
@TestPropertySource(properties = "dunning.imports.max-upload-size=16KB")
class RegistryUploadLimitTest {

    private static final String TOO_LARGE = "the upload is larger than 16 KB, the largest one taken"
            + " (dunning.imports.max-upload-size), so nothing of it was imported";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    private final String p = "U" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void aRegistryUnderTheLimitIsImported() {
        byte[] registry = customers(100);
        assertThat(registry.length).isLessThan(16 * 1024);

        ResponseEntity<JsonNode> response = admin().postForEntity("/api/imports/customers", body(registry), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("accepted").asLong()).isEqualTo(100);
        assertThat(storedCustomers()).isEqualTo(100);
    }

    @Test
    void aBodyThatSaysItIsLargerThanTheLimitIsRefusedWith413AndNothingIsStored() {
        byte[] registry = customers(1_000);
        assertThat(registry.length).isGreaterThan(16 * 1024);

        ResponseEntity<JsonNode> response = admin().postForEntity("/api/imports/customers", body(registry), JsonNode.class);

        assertTooLarge(response.getStatusCode().value(), response.getHeaders().getContentType(), response.getBody());
        assertThat(storedCustomers()).isZero();
    }

    @Test
    void aChunkedBodyIsCutOffWith413WhereItPassesTheLimitAndNothingOfItIsStored() throws Exception {
        byte[] registry = customers(1_000);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports/customers"))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                // a stream of unknown length goes out chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(registry)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(request.bodyPublisher().orElseThrow().contentLength()).isNegative();
        assertTooLarge(response.statusCode(), MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElseThrow()),
                json.readTree(response.body()));
        assertThat(storedCustomers()).isZero();
    }

    @Test
    void aMultipartFileLargerThanTheLimitIsRefusedWith413AndNothingIsStored() {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(customers(1_000)) {
            @Override
            public String getFilename() {
                return "customers.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<JsonNode> response = admin().postForEntity("/api/imports/customers", new HttpEntity<>(form, headers),
                JsonNode.class);

        assertTooLarge(response.getStatusCode().value(), response.getHeaders().getContentType(), response.getBody());
        assertThat(storedCustomers()).isZero();
    }

    private static void assertTooLarge(int status, MediaType contentType, JsonNode problem) {
        assertThat(status).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE.value());
        assertThat(contentType).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.get("detail").asText()).startsWith(TOO_LARGE);
        assertThat(problem.get("maxUploadSize").asLong()).isEqualTo(16 * 1024);
    }

    private byte[] customers(int count) {
        StringBuilder csv = new StringBuilder("customer_id,name,group\n");
        for (int i = 0; i < count; i++) {
            csv.append(p).append("C").append(i).append(",Upload Limit Customer ").append(i).append(",individual\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long storedCustomers() {
        return jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_id LIKE ?").param(p + "%").query(Long.class).single();
    }

    private static HttpEntity<byte[]> body(byte[] csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType("text", "csv"));
        return new HttpEntity<>(csv, headers);
    }

    private TestRestTemplate admin() {
        return rest.withBasicAuth("admin", "admin");
    }
}
