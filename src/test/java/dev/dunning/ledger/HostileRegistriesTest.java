package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.dunning.support.DunningTest;

/**
 * The catalogue of hostile and broken registries (src/test/resources/registries/hostile, catalogue.csv saying for
 * each file what must come of it), each sent through the real import endpoints as a text/csv body and as a
 * multipart file, after a good registry. Every file is either refused whole (422, the line and the reason) with
 * nothing of it stored, or has its bad rows rejected by line, column and reason and its good rows stored, or is
 * accepted harmlessly; and the good registry imported before is intact after each of them.
 * <p>
 * In the files, {@code GD-} starts the ids of the good registry and {@code HX-} those of the hostile rows; both are
 * replaced by prefixes of this run (in the file's own encoding), so the shared database never sees an id twice.
 * Rows of a hostile file only create {@code HX-} rows or repeat or contradict {@code GD-} rows, so the rows it adds
 * are exactly the ones it reports accepted.
 */
@DunningTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRegistriesTest {

    private static final Path HOSTILE = Path.of("src/test/resources/registries/hostile");
    private static final String GOOD_TOKEN = "GD-";
    private static final String HOSTILE_TOKEN = "HX-";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    private final String good = "G" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private Ledger goodLedger;

    /** One line of catalogue.csv. */
    record Entry(String file, RegistryKind kind, String outcome, long accepted, long unchanged, long rejected,
            Long line, String column, String message, String probe, String description) {

        @Override
        public String toString() {
            return file;
        }
    }

    enum Upload { BODY, MULTIPART }

    /** The good registry's rows as stored, with their counts and sums. */
    record Ledger(long customers, List<String> customerRows, long invoices, BigDecimal invoiceSum, List<String> invoiceRows,
            long payments, BigDecimal paymentSum, List<String> paymentRows) {
    }

    @BeforeAll
    void importTheGoodRegistry() throws IOException {
        for (RegistryKind kind : RegistryKind.values()) {
            ResponseEntity<JsonNode> response = upload(kind, "good-" + kind.registryName() + ".csv",
                    replaceTokens(Files.readAllBytes(HOSTILE.resolve("good-" + kind.registryName() + ".csv")), "unused-"),
                    Upload.BODY);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody().get("rejected").asLong()).as("good %s: %s", kind, response.getBody()).isZero();
        }
        goodLedger = ledger(good);
        assertThat(goodLedger.customers()).isEqualTo(3);
        assertThat(goodLedger.invoices()).isEqualTo(4);
        assertThat(goodLedger.invoiceSum()).isEqualByComparingTo("13350.49");
        assertThat(goodLedger.payments()).isEqualTo(2);
        assertThat(goodLedger.paymentSum()).isEqualByComparingTo("499.99");
    }

    static Stream<Arguments> catalogueByUpload() {
        return catalogue().stream().flatMap(entry -> Stream.of(Arguments.of(entry, Upload.BODY), Arguments.of(entry, Upload.MULTIPART)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("catalogueByUpload")
    void aHostileRegistryIsRefusedOrRejectedRowByRowSayingWhereOrAcceptedHarmlesslyAndTheGoodRegistryStaysIntact(
            Entry entry, Upload upload) {
        String hostile = "H" + UUID.randomUUID().toString().substring(0, 8) + "-";
        byte[] file = replaceTokens(read(entry.file()), hostile);

        ResponseEntity<JsonNode> response = upload(entry.kind(), entry.file(), file, upload);

        JsonNode body = response.getBody();
        String message = entry.message() == null ? null : tokensReplaced(entry.message(), hostile);
        switch (entry.outcome()) {
            case "refused" -> {
                assertThat(response.getStatusCode()).as("%s: %s", entry.description(), body).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
                assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(body.path("detail").asText()).isNotBlank();
                assertEveryErrorSaysWhere(body);
                assertAnError(body, entry, message);
                assertThat(rowsOf(hostile)).as("rows of a refused file").containsOnly(0L);
            }
            case "rows-rejected", "accepted" -> {
                assertThat(response.getStatusCode()).as("%s: %s", entry.description(), body).isEqualTo(HttpStatus.OK);
                assertThat(body.get("accepted").asLong()).as("accepted: %s", body).isEqualTo(entry.accepted());
                assertThat(body.get("unchanged").asLong()).as("unchanged: %s", body).isEqualTo(entry.unchanged());
                assertThat(body.get("rejected").asLong()).as("rejected: %s", body).isEqualTo(entry.rejected());
                assertEveryErrorSaysWhere(body);
                if (entry.outcome().equals("accepted")) {
                    assertThat(body.get("errors")).as("errors").isEmpty();
                } else {
                    assertAnError(body, entry, message);
                }
                List<Long> expectedRows = new ArrayList<>(List.of(0L, 0L, 0L));
                expectedRows.set(entry.kind().ordinal(), entry.accepted());
                assertThat(rowsOf(hostile)).as("rows stored of this file (customers, invoices, payments)").isEqualTo(expectedRows);
                assertNoNameIsGarbled(hostile);
                if (entry.probe() != null) {
                    assertProbe(entry, tokensReplaced(entry.probe(), hostile));
                }
            }
            default -> throw new IllegalArgumentException("unknown outcome " + entry.outcome() + " in catalogue.csv");
        }
        assertThat(ledger(good)).as("the good registry after %s", entry.file()).isEqualTo(goodLedger);
    }

    @Test
    void everyFileOfTheCatalogueHasItsExpectationAndEveryKindOfTroubleIsThere() throws IOException {
        Set<String> listed = catalogue().stream().map(Entry::file).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(HOSTILE)) {
            assertThat(files.map(path -> path.getFileName().toString())
                    .filter(name -> !name.equals("catalogue.csv") && !name.startsWith("good-")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
        assertThat(catalogue()).hasSizeGreaterThanOrEqualTo(50)
                .extracting(Entry::outcome).contains("refused", "rows-rejected", "accepted");
        assertThat(catalogue()).extracting(Entry::kind).contains(RegistryKind.values());
    }

    private void assertEveryErrorSaysWhere(JsonNode body) {
        for (JsonNode error : body.path("errors")) {
            assertThat(error.path("line").asLong()).as("line of %s", error).isPositive();
            assertThat(error.path("message").asText()).as("message of %s", error).isNotBlank();
        }
    }

    private static void assertAnError(JsonNode body, Entry entry, String message) {
        List<JsonNode> errors = new ArrayList<>();
        body.path("errors").forEach(errors::add);
        assertThat(errors).as("errors of %s", entry.file()).anySatisfy(error -> {
            assertThat(error.path("line").asLong()).isEqualTo(entry.line());
            if (entry.column() != null) {
                assertThat(error.path("column").asText()).isEqualTo(entry.column());
            }
            assertThat(error.path("message").asText()).contains(message);
        });
    }

    /** {@code id=value}: the stored name of a customer, the stored amount of an invoice or payment. */
    private void assertProbe(Entry entry, String probe) {
        String id = probe.substring(0, probe.indexOf('='));
        String expected = probe.substring(probe.indexOf('=') + 1);
        switch (entry.kind()) {
            case CUSTOMERS -> assertThat(jdbc.sql("SELECT name FROM customer WHERE customer_id = ?").param(id)
                    .query(String.class).single()).isEqualTo(expected);
            case INVOICES -> assertThat(jdbc.sql("SELECT amount FROM invoice WHERE invoice_id = ?").param(id)
                    .query(BigDecimal.class).single()).isEqualByComparingTo(expected);
            case PAYMENTS -> assertThat(jdbc.sql("SELECT amount FROM payment WHERE payment_id = ?").param(id)
                    .query(BigDecimal.class).single()).isEqualByComparingTo(expected);
        }
    }

    private void assertNoNameIsGarbled(String prefix) {
        List<String> names = jdbc.sql("SELECT name FROM customer WHERE customer_id LIKE ?").param(prefix + "%")
                .query(String.class).list();
        assertThat(names).allSatisfy(name -> assertThat(name)
                .doesNotContain("\uFFFD", "\u0000").matches(text -> text.chars().noneMatch(c -> c < 0x20), "no control characters"));
    }

    private List<Long> rowsOf(String prefix) {
        return List.of(
                jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_id LIKE ?").param(prefix + "%").query(Long.class).single(),
                jdbc.sql("SELECT COUNT(*) FROM invoice WHERE invoice_id LIKE ?").param(prefix + "%").query(Long.class).single(),
                jdbc.sql("SELECT COUNT(*) FROM payment WHERE payment_id LIKE ?").param(prefix + "%").query(Long.class).single());
    }

    private Ledger ledger(String prefix) {
        String like = prefix + "%";
        List<String> customers = jdbc.sql("SELECT customer_id || '|' || name || '|' || group_name FROM customer"
                + " WHERE customer_id LIKE ? ORDER BY customer_id").param(like).query(String.class).list();
        List<String> invoices = jdbc.sql("SELECT invoice_id || '|' || customer_id || '|' || due_on || '|' || amount FROM invoice"
                + " WHERE invoice_id LIKE ? ORDER BY invoice_id").param(like).query(String.class).list();
        List<String> payments = jdbc.sql("SELECT payment_id || '|' || customer_id || '|' || paid_on || '|' || amount || '|' || status"
                + " FROM payment WHERE payment_id LIKE ? ORDER BY payment_id").param(like).query(String.class).list();
        BigDecimal invoiceSum = jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM invoice WHERE invoice_id LIKE ?").param(like)
                .query(BigDecimal.class).single();
        BigDecimal paymentSum = jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM payment WHERE payment_id LIKE ?").param(like)
                .query(BigDecimal.class).single();
        return new Ledger(customers.size(), customers, invoices.size(), invoiceSum.stripTrailingZeros(), invoices,
                payments.size(), paymentSum.stripTrailingZeros(), payments);
    }

    private ResponseEntity<JsonNode> upload(RegistryKind kind, String fileName, byte[] file, Upload upload) {
        TestRestTemplate admin = rest.withBasicAuth("admin", "admin");
        String path = "/api/imports/" + kind.registryName();
        HttpHeaders headers = new HttpHeaders();
        if (upload == Upload.BODY) {
            headers.setContentType(new MediaType("text", "csv"));
            return admin.postForEntity(path, new HttpEntity<>(file, headers), JsonNode.class);
        }
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return admin.postForEntity(path, new HttpEntity<>(form, headers), JsonNode.class);
    }

    /** The file's bytes, unpacked when it is stored gzipped (a megabyte of one letter need not sit in git). */
    private static byte[] read(String file) {
        try {
            byte[] bytes = Files.readAllBytes(HOSTILE.resolve(file));
            if (!file.endsWith(".gz")) {
                return bytes;
            }
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the id tokens in the file's own encoding: UTF-16 when its first bytes say so, else ASCII bytes. */
    private byte[] replaceTokens(byte[] file, String hostile) {
        Charset charset = StandardCharsets.US_ASCII;
        if (file.length >= 4 && ((file[0] == (byte) 0xFF && file[1] == (byte) 0xFE) || (file[1] == 0 && file[3] == 0 && file[0] != 0))) {
            charset = StandardCharsets.UTF_16LE;
        } else if (file.length >= 4 && ((file[0] == (byte) 0xFE && file[1] == (byte) 0xFF) || (file[0] == 0 && file[2] == 0 && file[1] != 0))) {
            charset = StandardCharsets.UTF_16BE;
        }
        return replace(replace(file, GOOD_TOKEN.getBytes(charset), good.getBytes(charset)),
                HOSTILE_TOKEN.getBytes(charset), hostile.getBytes(charset));
    }

    private String tokensReplaced(String text, String hostile) {
        return text.replace(GOOD_TOKEN, good).replace(HOSTILE_TOKEN, hostile);
    }

    private static byte[] replace(byte[] bytes, byte[] token, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 1024);
        int i = 0;
        while (i < bytes.length) {
            if (startsAt(bytes, i, token)) {
                out.writeBytes(replacement);
                i += token.length;
            } else {
                out.write(bytes[i++]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsAt(byte[] bytes, int at, byte[] token) {
        if (at + token.length > bytes.length) {
            return false;
        }
        for (int j = 0; j < token.length; j++) {
            if (bytes[at + j] != token[j]) {
                return false;
            }
        }
        return true;
    }

    static List<Entry> catalogue() {
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(HOSTILE.resolve("catalogue.csv"))) {
            return csv.stream().map(row -> new Entry(row.getField("file"),
                    RegistryKind.named(row.getField("kind")).orElseThrow(),
                    row.getField("outcome"),
                    number(row.getField("accepted")),
                    number(row.getField("unchanged")),
                    number(row.getField("rejected")),
                    row.getField("line").isEmpty() ? null : Long.valueOf(row.getField("line")),
                    blankToNull(row.getField("column")),
                    blankToNull(row.getField("message")),
                    blankToNull(row.getField("probe")),
                    row.getField("case"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(String field) {
        return field.isEmpty() ? 0 : Long.parseLong(field);
    }

    private static String blankToNull(String field) {
        return field.isEmpty() ? null : field;
    }
}
