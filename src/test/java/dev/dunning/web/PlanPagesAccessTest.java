package dev.dunning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dunning.support.DunningTest;

/**
 * Who may use the plan modeler: analysts and admins draw, check and import; managers look at the plans and the
 * modeler without the buttons that change them, and the server refuses their changes; collectors see none of it.
 */
@DunningTest
class PlanPagesAccessTest {

    @LocalServerPort
    int port;

    @Test
    void anAnalystSeesThePlansWithTheActionsThatChangeThem() {
        HttpResponse<String> page = get("analyst", "/plans", "text/html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"new-plan\"").contains("/plans/individual-standard/edit")
                .contains("/plans/individual-standard/versions").contains("/plans/individual-standard/simulate")
                .contains("/plans/groups").contains("/plans/experiments");
        assertThat(get("analyst", "/plans/individual-standard/edit", "text/html").body()).contains("id=\"deploy-plan\"")
                .contains("/vendor/bpmn-js/" + PlanPages.BPMN_JS_VERSION + "/bpmn-modeler.production.min.js");
    }

    @Test
    void aManagerReadsThePlansAndTheModelerButGetsNoButtonToChangeThem() {
        HttpResponse<String> list = get("manager", "/plans", "text/html");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("individual-standard").doesNotContain("id=\"new-plan\"");

        HttpResponse<String> editor = get("manager", "/plans/individual-standard/edit", "text/html");
        assertThat(editor.statusCode()).isEqualTo(200);
        assertThat(editor.body()).contains("id=\"read-only\"").doesNotContain("id=\"deploy-plan\"")
                .doesNotContain("id=\"import-file\"");
        assertThat(get("manager", "/api/plans/individual-standard/diagram", "application/xml").statusCode()).isEqualTo(200);
        assertThat(post("manager", "/api/plans/import", camundaFile()).statusCode()).isEqualTo(403);
    }

    @Test
    void aCollectorHasNoPlanPagesAndNoPlanApi() {
        assertThat(get("collector", "/plans", "text/html").statusCode()).isEqualTo(403);
        assertThat(get("collector", "/plans/new", "text/html").statusCode()).isEqualTo(403);
        assertThat(get("collector", "/plans/individual-standard/edit", "text/html").statusCode()).isEqualTo(403);
        assertThat(get("collector", "/api/plans/library", "application/json").statusCode()).isEqualTo(403);
        assertThat(post("collector", "/api/plans/import", camundaFile()).statusCode()).isEqualTo(403);
    }

    @Test
    void theLibraryOffersTheTemplatesFormsChannelsGroupsAndStagesPlansUse() {
        HttpResponse<String> library = get("analyst", "/api/plans/library", "application/json");

        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.body()).contains("\"first-reminder\"").contains("\"pretrial-claim\"")
                .doesNotContain("first-reminder.sms").contains("\"call-debtor\"").contains("\"legal-case\"")
                .contains("\"email\"").contains("\"letter\"").contains("\"collectors\"").contains("\"restriction\"");
    }

    @Test
    void aDeployedPlanWrittenWithoutADiagramComesLaidOutForTheModeler() {
        HttpResponse<String> diagram = get("analyst", "/api/plans/individual-standard/diagram", "application/xml");

        assertThat(diagram.statusCode()).isEqualTo(200);
        assertThat(diagram.body()).contains("BPMNShape").contains("bpmnElement=\"callDebtor\"")
                .contains("dunning:graceDays=\"5\"");
        assertThat(get("analyst", "/api/plans/no-such-plan/diagram", "application/xml").statusCode()).isEqualTo(404);
        assertThat(get("analyst", "/plans/no-such-plan/edit", "text/html").statusCode()).isEqualTo(404);
    }

    @Test
    void anImportAnswersTheConvertedFileWithItsNotesAndAnUnreadableFileIs422() {
        HttpResponse<String> converted = post("analyst", "/api/plans/import", camundaFile());

        assertThat(converted.statusCode()).isEqualTo(200);
        assertThat(converted.body()).contains("flowable:candidateGroups=\\\"collectors\\\"")
                .contains("\"element\":\"chargeCard\",\"attribute\":\"camunda:class\"");
        HttpResponse<String> broken = post("analyst", "/api/plans/import", "<definitions><process>".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(broken.body()).contains("line 1");
    }

    @Test
    void anImportedFileIsCheckedLikeAnyOtherAndWhatWasNotConvertedStopsItsDeployment() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String converted = json.readTree(post("analyst", "/api/plans/import", camundaFile()).body()).get("xml").asText();

        HttpResponse<String> check = post("analyst", "/api/plans/check", converted.getBytes(StandardCharsets.UTF_8));

        assertThat(check.statusCode()).isEqualTo(200);
        var result = json.readTree(check.body());
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("problems").findValuesAsText("element")).contains("chargeCard")
                .doesNotContain("sendReminder", "recordCallOutcome");
    }

    private byte[] camundaFile() {
        try (InputStream in = getClass().getResourceAsStream("/plans/import/camunda7-reminder.bpmn")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String user, String path, String accept) {
        return send(request(user, path).header("Accept", accept).GET().build());
    }

    private HttpResponse<String> post(String user, String path, byte[] body) {
        return send(request(user, path).header("Content-Type", "application/xml")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(request.uri() + ": " + e, e);
        }
    }
}
