package dev.dunning.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.dunning.clock.BusinessClock;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.DunningTest;

/**
 * A lawyer downloads the documents of an escalated case: the pre-trial claim, the statement, the contact history and
 * the court package, each recorded on the customer's timeline; collectors may not.
 */
@DunningTest
class LegalDocumentsTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;

    private Api admin;
    private LocalDate today;

    @BeforeEach
    void admin() {
        admin = Api.as(rest, "admin");
        today = clock.today();
    }

    /**
     * A customer with two invoices on one contract and one on a second, a partial payment of the oldest and an
     * open case. Outstanding: 1200.00 - 450.00 = 750.00 on the oldest, 800.00 and 350.00 on the others: 1900.00.
     */
    private record Debtor(String customerId, String caseId, String oldest, String second, String otherContract) {
    }

    private Debtor debtor(String name, String locale) {
        String id = "LD-" + UUID.randomUUID().toString().substring(0, 8);
        admin.importCsv("customers", """
                customer_id,name,group,locale,address
                %s,%s,individual,%s,"ул. Садовая, д. 5, Москва"
                """.formatted(id, name, locale));
        admin.importCsv("invoices", """
                invoice_id,customer_id,contract,service,issued_on,due_on,amount
                %1$s-A,%1$s,K-100,internet,%2$s,%3$s,1200.00
                %1$s-B,%1$s,K-100,internet,%3$s,%4$s,800.00
                %1$s-C,%1$s,K-200,tv,%3$s,%4$s,350.00
                """.formatted(id, today.minusDays(75), today.minusDays(45), today.minusDays(15)));
        admin.importCsv("payments", """
                payment_id,customer_id,invoice_id,paid_on,amount,status
                %1$s-P1,%1$s,,%2$s,450.00,confirmed
                """.formatted(id, today.minusDays(30)));
        admin.post("/api/admin/evaluate", Map.of());
        Map<String, Object> current = Debtors.currentCase(admin, id);
        assertThat(current).as("the case of " + id).isNotNull().containsEntry("status", "open");
        return new Debtor(id, (String) current.get("id"), id + "-A", id + "-B", id + "-C");
    }

    private ResponseEntity<byte[]> download(String user, String caseId, String document) {
        return rest.withBasicAuth(user, user).getForEntity("/api/cases/{caseId}/documents/{document}", byte[].class,
                caseId, document);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("[\u00a0\u202f]", " ").replaceAll("\\s+", " ");
        }
    }

    @Test
    void theClaimNamesTheDebtorTheDebtAndEveryInvoiceWithWhatIsOutstandingOnIt() throws IOException {
        Debtor debtor = debtor("Anna Lawson", "en");

        ResponseEntity<byte[]> response = download("lawyer", debtor.caseId(), "pretrial-claim.pdf");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(response.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("pretrial-claim-" + debtor.caseId() + ".pdf");
        String claim = text(response.getBody());
        assertThat(claim).contains("PRE-TRIAL CLAIM").contains("Anna Lawson").contains("ул. Садовая, д. 5, Москва")
                .contains(debtor.caseId()).contains("you owe Dunning demo 1,900.00 RUB")
                .contains(debtor.oldest() + " K-100 internet").contains("1,200.00 450.00 750.00")
                .contains(debtor.second() + " K-100 internet").contains(debtor.otherContract() + " K-200 tv")
                .contains("800.00 0.00 800.00").contains("350.00 0.00 350.00")
                .contains("Total, RUB 2,350.00 450.00 1,900.00")
                .contains("invoice " + debtor.oldest() + ": 450.00")
                .contains("within 30 calendar days").contains("court");
    }

    @Test
    void aRussianDebtorsClaimIsInRussianAndTheCyrillicNameCanBeRead() throws IOException {
        Debtor debtor = debtor("Иван Петрович Сидоров", "ru");

        String claim = text(download("manager", debtor.caseId(), "pretrial-claim.pdf").getBody());

        assertThat(claim).contains("ДОСУДЕБНАЯ ПРЕТЕНЗИЯ").contains("Кому: Иван Петрович Сидоров")
                .contains("в размере 1 900,00 RUB").contains("750,00").contains("обратится в суд");
    }

    @Test
    void theStatementAndTheContactHistoryAreTheirOwnDownloads() throws IOException {
        Debtor debtor = debtor("Boris Stone", "en");

        String statement = text(download("lawyer", debtor.caseId(), "statement.pdf").getBody());
        String history = text(download("lawyer", debtor.caseId(), "contact-history.pdf").getBody());

        assertThat(statement).contains("STATEMENT OF ACCOUNT").contains("Boris Stone")
                .contains("Invoiced 2,350.00 RUB, paid 450.00 RUB, outstanding 1,900.00 RUB")
                .contains(debtor.customerId() + "-P1");
        assertThat(history).contains("CONTACT HISTORY").contains("Boris Stone")
                .as("the first reminder the case queued").contains("first-reminder")
                .as("the statement downloaded a moment ago").contains("statement.pdf (lawyer)");
    }

    @Test
    void theCourtPackageHoldsTheThreeDocumentsAndTheStatementAsCsv() throws IOException {
        Debtor debtor = debtor("Clara Court", "en");

        ResponseEntity<byte[]> response = download("admin", debtor.caseId(), "court-package.zip");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("application/zip"));
        assertThat(response.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("court-package-" + debtor.caseId() + ".zip");
        Map<String, byte[]> entries = unzip(response.getBody());
        assertThat(entries.keySet()).containsExactly("pretrial-claim.pdf", "statement.pdf", "contact-history.pdf",
                "statement.csv");
        assertThat(text(entries.get("pretrial-claim.pdf"))).contains("PRE-TRIAL CLAIM").contains("Clara Court");
        assertThat(text(entries.get("statement.pdf"))).contains("STATEMENT OF ACCOUNT");
        assertThat(text(entries.get("contact-history.pdf"))).contains("CONTACT HISTORY");

        List<NamedCsvRecord> rows;
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(
                new InputStreamReader(new ByteArrayInputStream(entries.get("statement.csv")), StandardCharsets.UTF_8))) {
            rows = csv.stream().toList();
        }
        assertThat(rows).extracting(row -> String.join("|", row.getField("record"), row.getField("id"),
                row.getField("invoice_id"), row.getField("amount"), row.getField("paid"), row.getField("outstanding")))
                .containsExactly(
                        "invoice|" + debtor.oldest() + "||1200.00|450.00|750.00",
                        "invoice|" + debtor.second() + "||800.00|0.00|800.00",
                        "invoice|" + debtor.otherContract() + "||350.00|0.00|350.00",
                        "payment|" + debtor.customerId() + "-P1||450.00||",
                        "allocation|" + debtor.customerId() + "-P1|" + debtor.oldest() + "|450.00||");
        assertThat(rows.get(0).getField("due_on")).isEqualTo(today.minusDays(45).toString());
        assertThat(rows.get(0).getField("contract")).isEqualTo("K-100");
    }

    @Test
    void everyDownloadIsOnTheCustomersTimelineWithWhoGotIt() {
        Debtor debtor = debtor("Dora Audit", "en");

        download("lawyer", debtor.caseId(), "pretrial-claim.pdf");
        download("manager", debtor.caseId(), "court-package.zip");

        List<Map<String, Object>> downloads = admin.list("/api/customers/" + debtor.customerId() + "/timeline")
                .stream().filter(event -> "document-downloaded".equals(event.get("kind"))).toList();
        assertThat(downloads).extracting(event -> event.get("actor") + ": " + event.get("summary") + " @ "
                + event.get("caseId")).containsExactly(
                        "lawyer: pretrial-claim.pdf @ " + debtor.caseId(),
                        "manager: court-package.zip (pretrial-claim.pdf, statement.pdf, contact-history.pdf, "
                                + "statement.csv) @ " + debtor.caseId());
    }

    @Test
    void collectorsAndAnalystsMayNotDownloadDocumentsAndNothingIsRecorded() {
        Debtor debtor = debtor("Eve Guarded", "en");

        assertThat(download("collector", debtor.caseId(), "pretrial-claim.pdf").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(download("collector", debtor.caseId(), "court-package.zip").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(download("analyst", debtor.caseId(), "statement.pdf").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/cases/{caseId}/documents/statement.pdf", byte[].class, debtor.caseId())
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(Api.as(rest, "collector").get("/api/cases/" + debtor.caseId())).containsEntry("id", debtor.caseId());
        assertThat(admin.list("/api/customers/" + debtor.customerId() + "/timeline"))
                .noneMatch(event -> "document-downloaded".equals(event.get("kind")));
    }

    @Test
    void anUnknownCaseOrDocumentIsNotFoundAsAProblem() {
        ResponseEntity<String> unknownCase = rest.withBasicAuth("lawyer", "lawyer")
                .getForEntity("/api/cases/no-such-case/documents/pretrial-claim.pdf", String.class);
        ResponseEntity<String> unknownDocument = rest.withBasicAuth("lawyer", "lawyer")
                .getForEntity("/api/cases/no-such-case/documents/will.docx", String.class);

        assertThat(unknownCase.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownCase.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        assertThat(unknownCase.getBody()).contains("no case 'no-such-case'");
        assertThat(unknownDocument.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        HttpHeaders askingForPdf = new HttpHeaders();
        askingForPdf.setAccept(List.of(MediaType.APPLICATION_PDF));
        ResponseEntity<String> fromAPdfReader = rest.withBasicAuth("lawyer", "lawyer").exchange(
                "/api/cases/no-such-case/documents/pretrial-claim.pdf", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(askingForPdf), String.class);
        assertThat(fromAPdfReader.getStatusCode()).as("a client that accepts only PDF still learns why")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(fromAPdfReader.getBody()).contains("no case 'no-such-case'");
        assertThat(unknownDocument.getBody()).contains("no document 'will.docx'").contains("court-package.zip");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
