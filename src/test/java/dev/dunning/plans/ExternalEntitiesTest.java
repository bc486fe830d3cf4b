package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import com.sun.net.httpserver.HttpServer;

import dev.dunning.support.DunningTest;

/**
 * Plan and decision files that declare entities to read a file of the server or a URL (XXE), through a parameter
 * entity or an external DTD, or that expand without end (billion laughs), in UTF-8 and UTF-16, sent to every way in:
 * check, deploy (body and multipart), the modeler's import, the simulation of a draft, the decision upload. Each is
 * refused with an error that says why, quickly; the secret file's text appears in no answer and no deployed model,
 * and the URLs are never fetched.
 */
@DunningTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalEntitiesTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanCatalog catalog;
    @Autowired
    PlanDecisions decisions;

    Path folder;
    /** What the secret file and the URLs hold: it must never come back. */
    String canary;
    Path secret;
    HttpServer server;
    final List<String> fetched = new CopyOnWriteArrayList<>();
    String url;

    @BeforeAll
    void aSecretFileAndAnAddressThatRecordsEveryFetch() throws IOException {
        canary = "XXE-CANARY-" + UUID.randomUUID();
        folder = Files.createTempDirectory("xxe");
        secret = Files.writeString(folder.resolve("secret.txt"), canary);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetched.add(exchange.getRequestURI().toString());
            byte[] body = ("<!ENTITY secret \"" + canary + "\">").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    void stopTheServer() throws IOException {
        server.stop(0);
        Files.deleteIfExists(secret);
        Files.deleteIfExists(folder);
    }

    /** Document type declarations that would each put the canary (or an endless text) where {@code &secret;} is. */
    private Map<String, String> doctypes(String root) {
        Map<String, String> doctypes = new LinkedHashMap<>();
        doctypes.put("a file entity", "<!DOCTYPE " + root + " [<!ENTITY secret SYSTEM \"" + secret.toUri() + "\">]>");
        doctypes.put("a URL entity", "<!DOCTYPE " + root + " [<!ENTITY secret SYSTEM \"" + url + "/entity\">]>");
        doctypes.put("a parameter entity", "<!DOCTYPE " + root + " [<!ENTITY % remote SYSTEM \"" + url
                + "/remote.dtd\"> %remote;]>");
        doctypes.put("an external DTD", "<!DOCTYPE " + root + " SYSTEM \"" + url + "/external.dtd\">");
        StringBuilder laughs = new StringBuilder("<!DOCTYPE " + root + " [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doctypes.put("billion laughs", laughs.append("<!ENTITY secret \"&lol9;\">]>").toString());
        return doctypes;
    }

    /** A plan that passes every check, with a DTD and {@code &secret;} as its name and documentation. */
    private String plan(String key, String doctype) {
        return PlanApiTest.plan(key, "first-reminder")
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + doctype + "\n")
                .replace("name=\"API plan\"", "name=\"&secret;\"")
                .replace("<startEvent id=\"caseOpened\"", "<documentation>&secret;</documentation>\n"
                        + "    <startEvent id=\"caseOpened\"");
    }

    private String decision(String key, String doctype) throws IOException {
        return Files.readString(Path.of("processes", "individual-plan-choice.dmn"))
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + doctype + "\n")
                .replace("id=\"individual-plan-choice\" name=\"Plan for an individual by debt\"",
                        "id=\"" + key + "\" name=\"&secret;\"");
    }

    /** The file as UTF-8 and as UTF-16 (with its byte order mark), which a check for "<!DOCTYPE" in UTF-8 misses. */
    private static Map<String, byte[]> encoded(String xml) {
        return Map.of("UTF-8", xml.getBytes(StandardCharsets.UTF_8),
                "UTF-16", xml.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"").getBytes(Charset.forName("UTF-16")));
    }

    private ResponseEntity<String> post(String path, MediaType type, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return rest.withBasicAuth("analyst", "analyst").exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                String.class);
    }

    private ResponseEntity<String> multipart(String path, byte[] file) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "drawn.bpmn";
            }
        });
        return post(path, MediaType.MULTIPART_FORM_DATA, form);
    }

    /** Refused, saying why, quickly, without a trace of the secret. */
    private void refused(String what, Instant sent, ResponseEntity<String> answer, int status, String... reason) {
        assertThat(Duration.between(sent, Instant.now())).as("%s answered at once", what).isLessThan(Duration.ofSeconds(10));
        assertThat(answer.getStatusCode().value()).as("%s: %s", what, answer.getBody()).isEqualTo(status);
        assertThat(answer.getBody()).as(what).containsAnyOf(reason).doesNotContain(canary, "lollollol");
    }

    @Test
    void aPlanDeclaringEntitiesIsRefusedByTheCheckTheDeploymentAndTheSimulationAndNothingIsRead() {
        doctypes("definitions").forEach((how, doctype) -> {
            String key = TestPlans.freshKey("xxe");
            String xml = plan(key, doctype);
            for (Map.Entry<String, byte[]> encoding : encoded(xml).entrySet()) {
                String what = how + " in " + encoding.getKey();
                byte[] file = encoding.getValue();
                Instant sent = Instant.now();
                refused(what + " checked", sent, post("/api/plans/check", MediaType.APPLICATION_XML, file), 200,
                        "declares a DTD");
                sent = Instant.now();
                refused(what + " deployed", sent, post("/api/plans", MediaType.APPLICATION_XML, file), 422,
                        "declares a DTD");
                sent = Instant.now();
                refused(what + " deployed as a file", sent, multipart("/api/plans", file), 422, "declares a DTD");
            }
            Instant sent = Instant.now();
            refused(how + " simulated", sent, post("/api/plans/" + key + "/simulations", MediaType.APPLICATION_JSON,
                    Map.of("bpmn", xml, "days", 30)), 422, "declares a DTD");
            assertThat(catalog.versions(key)).as("%s: nothing deployed", how).isEmpty();
        });
        assertThat(fetched).as("URLs the parser fetched").isEmpty();
    }

    @Test
    void theModelersImportRefusesADocumentTypeBeforeReadingAnEntity() {
        doctypes("definitions").forEach((how, doctype) -> {
            String xml = plan(TestPlans.freshKey("xxe"), doctype);
            for (Map.Entry<String, byte[]> encoding : encoded(xml).entrySet()) {
                String what = how + " in " + encoding.getKey();
                Instant sent = Instant.now();
                refused(what + " imported", sent, post("/api/plans/import", MediaType.APPLICATION_XML,
                        encoding.getValue()), 422, "DOCTYPE");
                sent = Instant.now();
                refused(what + " imported as a file", sent, multipart("/api/plans/import", encoding.getValue()), 422,
                        "DOCTYPE");
            }
        });
        assertThat(fetched).as("URLs the parser fetched").isEmpty();
    }

    @Test
    void aDecisionDeclaringEntitiesIsRefusedAndNothingIsRead() throws IOException {
        for (Map.Entry<String, String> doctype : doctypes("definitions").entrySet()) {
            String key = TestPlans.freshKey("xxe-choice");
            String xml = decision(key, doctype.getValue());
            for (Map.Entry<String, byte[]> encoding : encoded(xml).entrySet()) {
                Instant sent = Instant.now();
                refused(doctype.getKey() + " decision in " + encoding.getKey(), sent, post("/api/plans/decisions?name="
                        + key + ".dmn", MediaType.APPLICATION_XML, encoding.getValue()), 422, "DTD");
            }
            assertThat(decisions.exists(key)).as("%s: nothing deployed", doctype.getKey()).isFalse();
        }
        assertThat(fetched).as("URLs the parser fetched").isEmpty();
    }

    @Test
    void aPlanThatAsksToIncludeAFileOrToLoadASchemaIsRefusedWithoutReadingEither() {
        String key = TestPlans.freshKey("xinclude");
        String xml = PlanApiTest.plan(key, "first-reminder")
                .replace("targetNamespace=\"test\"", "targetNamespace=\"test\""
                        + " xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xsi:schemaLocation=\"http://www.omg.org/spec/BPMN/20100524/MODEL " + url + "/bpmn.xsd\"")
                .replace("  <process id=", "  <xi:include href=\"" + secret.toUri() + "\" parse=\"text\"/>\n  <process id=");
        byte[] file = xml.getBytes(StandardCharsets.UTF_8);

        Instant sent = Instant.now();
        refused("xi:include checked", sent, post("/api/plans/check", MediaType.APPLICATION_XML, file), 200,
                "does not follow the BPMN 2.0 schema");
        sent = Instant.now();
        refused("xi:include deployed", sent, post("/api/plans", MediaType.APPLICATION_XML, file), 422,
                "line 4, column", "does not follow the BPMN 2.0 schema");
        ResponseEntity<String> imported = post("/api/plans/import", MediaType.APPLICATION_XML, file);

        assertThat(imported.getBody()).doesNotContain(canary);
        assertThat(catalog.versions(key)).isEmpty();
        assertThat(fetched).as("URLs the parser or the validator fetched").isEmpty();
    }
}
