package dev.dunning.web;

import static dev.dunning.support.HostileText.ADDRESS;
import static dev.dunning.support.HostileText.BUILDING;
import static dev.dunning.support.HostileText.COMMENT;
import static dev.dunning.support.HostileText.CONTRACT;
import static dev.dunning.support.HostileText.INTERPRETED;
import static dev.dunning.support.HostileText.NAME;
import static dev.dunning.support.HostileText.SERVICE;
import static dev.dunning.support.HostileText.assertNothingRaw;
import static dev.dunning.support.HostileText.escaped;
import static dev.dunning.support.HostileText.shows;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.clock.BusinessClock;
import dev.dunning.notify.NoticeLinks;
import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

/**
 * A customer whose name, address, building, contract and service are markup, script and template code, and whose
 * case gathers a collector's note and a freeze reason of the same kind, opened in every page that shows them, as
 * each role sees it over HTTP: each shows the text escaped and runs nothing of it; the PDFs print it as text and
 * the e-mail's HTML escapes it. (Real browsers: {@link HostileTextBrowserTest}.)
 */
@DunningTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTextPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;
    @Autowired
    NoticeLinks noticeLinks;

    Api admin;
    /** A case that went all the way to the lawyers: the collector's hostile note is on its timeline. */
    String legalCustomer;
    String legalCase;
    String legalTask;
    /** A case waiting for its first call. */
    String callCustomer;
    String callCase;
    String callTask;

    @BeforeAll
    void hostileCustomersInEveryStage() {
        admin = Api.as(rest, "admin");
        Api collector = Api.as(rest, "collector");
        legalCustomer = hostileCustomer("HWL");
        admin.post("/api/customers/" + legalCustomer + "/freezes",
                Map.of("kind", "dispute", "amount", "1.00", "reason", COMMENT));
        admin.post("/api/admin/clock", Map.of("advance", "P12D"));
        String call = awaitTask(collector, "callDebtor", legalCustomer);
        collector.post("/api/tasks/" + call + "/complete", Map.of("callOutcome", "refused", "note", COMMENT));
        admin.post("/api/admin/clock", Map.of("advance", "P31D"));
        legalTask = awaitTask(Api.as(rest, "lawyer"), "handleLegalCase", legalCustomer);
        legalCase = caseOf(legalCustomer);

        callCustomer = hostileCustomer("HWC");
        admin.post("/api/admin/clock", Map.of("advance", "P12D"));
        callTask = awaitTask(collector, "callDebtor", callCustomer);
        callCase = caseOf(callCustomer);
    }

    @Test
    void theCustomerSearchAndTheCustomerCardShowEveryValueAsText() {
        shows("customer search", page("collector", "/customers?q=" + encode(callCustomer)), NAME, BUILDING);
        shows("customer search by a piece of the name", page("collector", "/customers?q=" + encode("<script>window")),
                NAME);
        shows("customer card", page("collector", "/customers/" + legalCustomer), NAME, ADDRESS, BUILDING, SERVICE,
                CONTRACT, COMMENT);
    }

    @Test
    void theCollectorsInboxAndTheCallPageWithItsScriptShowTheNameAsText() {
        shows("collector inbox", page("collector", "/inbox?customer=" + callCustomer), NAME);
        String task = page("collector", "/tasks/" + callTask);
        shows("call page", task, NAME, ADDRESS, BUILDING);
        String script = task.substring(task.indexOf("id=\"call-script\""));
        assertThat(script.substring(0, script.indexOf("</details>"))).as("the call script")
                .contains("May I speak with " + escaped(NAME) + "?");
    }

    @Test
    void theLawyersInboxAndTheLegalCasePageShowTheNameAndTheCollectorsNoteAsText() {
        shows("lawyer inbox", page("lawyer", "/inbox?activity=handleLegalCase&customer=" + legalCustomer), NAME);
        shows("legal case page", page("lawyer", "/tasks/" + legalTask), NAME, ADDRESS, COMMENT);
    }

    @Test
    void theCockpitsCaseSearchAndCaseViewShowTheNameAndTheTimelineAsText() {
        shows("cockpit case search", page("admin", "/admin/cockpit/cases?q=" + legalCustomer), NAME);
        shows("cockpit case view", page("admin", "/admin/cockpit/cases/" + legalCase), NAME, COMMENT);
    }

    @Test
    void theDashboardAndTheReportsShowBuildingsServicesAndNamesAsText() throws Exception {
        shows("dashboard", page("manager", "/dashboard"), BUILDING, SERVICE);
        shows("dashboard filtered by the building", page("manager", "/dashboard?building=" + encode(BUILDING)),
                BUILDING);
        shows("aging of the building", page("manager", "/reports/aging?building=" + encode(BUILDING)), NAME,
                BUILDING, SERVICE);
        String buildings = page("manager", "/reports/buildings?building=" + encode(BUILDING));
        shows("buildings report", buildings, BUILDING);
        String start = "<script type=\"application/json\" id=\"report-chart-data\">";
        String chart = buildings.substring(buildings.indexOf(start) + start.length());
        chart = chart.substring(0, chart.indexOf("</script>"));
        assertThat(json(chart).path("x").get(0).asText()).as("the chart's data ends where its element does")
                .isEqualTo(BUILDING);
        assertNothingRaw("digest", page("manager", "/reports/digest"));
    }

    @Test
    void theDebtorsAnswerPageEchoesARefusedCommentAsTextInsideItsTextarea() {
        String dispute = URI.create(noticeLinks.linksFor(UUID.randomUUID().toString(), callCustomer, callCase, "email")
                .get("dispute")).getRawPath();
        assertNothingRaw("dispute page", rest.getForObject(dispute, String.class));

        String tooLong = COMMENT + " " + "x".repeat(1000);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("comment", tooLong);
        ResponseEntity<String> refused = rest.exchange(dispute, HttpMethod.POST, new HttpEntity<>(form, headers),
                String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        shows("refused dispute", refused.getBody(), tooLong);
        assertThat(refused.getBody()).contains(">" + escaped(tooLong) + "</textarea>");
    }

    @Test
    void theLegalDocumentsPrintTheNameTheAddressAndTheNoteAsText() throws Exception {
        assertThat(pdfText("pretrial-claim.pdf")).contains(squeezed(NAME), squeezed(ADDRESS));
        assertThat(pdfText("contact-history.pdf")).contains(squeezed(NAME), squeezed(COMMENT))
                .doesNotContain(INTERPRETED);
        assertThat(pdfText("statement.pdf")).contains(squeezed(NAME), squeezed(SERVICE), squeezed(CONTRACT));
    }

    @Test
    void anEmailNoticeEscapesTheNameInItsHtmlAndKeepsItAsWrittenInItsText() throws Exception {
        JsonNode preview = json(page("admin", "/api/templates/pretrial-claim/preview?channel=email&customer="
                + callCustomer));

        shows("e-mail HTML", preview.path("html").asText(), NAME);
        assertThat(preview.path("body").asText()).as("the plain-text part is text/plain: nothing to escape")
                .contains(NAME).doesNotContain(INTERPRETED);
        assertThat(preview.path("subject").asText()).doesNotContain("\n").doesNotContain(INTERPRETED);
    }

    /** The customer's text as a PDF's text layer has it: without the line breaks and spaces of the layout. */
    private String pdfText(String document) throws Exception {
        ResponseEntity<byte[]> pdf = rest.withBasicAuth("lawyer", "lawyer").getForEntity(
                "/api/cases/" + legalCase + "/documents/" + document, byte[].class);
        assertThat(pdf.getStatusCode()).as(document).isEqualTo(HttpStatus.OK);
        try (PDDocument loaded = Loader.loadPDF(pdf.getBody())) {
            return squeezed(new PDFTextStripper().getText(loaded));
        }
    }

    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }

    private String hostileCustomer(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> customers = admin.importCsv("customers", "customer_id,name,group,phone,locale,address,building\n"
                + String.join(",", id, csv(NAME), "individual", "+79001234567", "en", csv(ADDRESS), csv(BUILDING)) + "\n");
        assertThat(customers).as("the customer import").containsEntry("accepted", 1);
        Map<String, Object> invoices = admin.importCsv("invoices", "invoice_id,customer_id,contract,service,due_on,amount\n"
                + String.join(",", id + "-1", id, csv(CONTRACT), csv(SERVICE), clock.today().minusDays(10).toString(),
                        "3150.75") + "\n");
        assertThat(invoices).as("the invoice import").containsEntry("accepted", 1);
        admin.post("/api/admin/evaluate", Map.of());
        return id;
    }

    /**
     * The task of {@code activity} for the customer; the shared clock's time of day depends on the tests before, and
     * a call outside the day's contact hours comes the next morning, so it waits up to three more days.
     */
    @SuppressWarnings("unchecked")
    private String awaitTask(Api worker, String activity, String customer) {
        for (int day = 0; day <= 3; day++) {
            List<Map<String, Object>> tasks = (List<Map<String, Object>>) worker
                    .get("/api/tasks/page?activity=" + activity + "&customer=" + customer).get("tasks");
            if (!tasks.isEmpty()) {
                return (String) tasks.get(0).get("id");
            }
            admin.post("/api/admin/clock", Map.of("advance", "P1D"));
        }
        throw new AssertionError("no " + activity + " task for " + customer);
    }

    @SuppressWarnings("unchecked")
    private String caseOf(String customer) {
        return (String) ((Map<String, Object>) admin.get("/api/customers/" + customer).get("case")).get("id");
    }

    private String page(String user, String path) {
        ResponseEntity<String> page = rest.withBasicAuth(user, user).exchange(URI.create(path), HttpMethod.GET, null,
                String.class);
        assertThat(page.getStatusCode()).as("%s as %s", path, user).isEqualTo(HttpStatus.OK);
        return page.getBody();
    }

    private static JsonNode json(String text) throws java.io.IOException {
        return JSON.readTree(text);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
