package dev.dunning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

/** The simulation page: analysts see the form, managers only the runs; a finished run shows its charts. */
@DunningTest
class SimulationPageTest {

    private static final String PAGE = "/plans/individual-standard/simulate";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    private HttpResponse<String> fetch(String user, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html")
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    @Test
    void analystsGetTheFormWithThePlansDefaultsAndManagersOnlyTheRuns() {
        HttpResponse<String> analyst = fetch("analyst", PAGE);
        assertThat(analyst.statusCode()).isEqualTo(200);
        assertThat(analyst.body()).contains("id=\"simulate\"", "name=\"pay.first-reminder\" value=\"30\"",
                "name=\"call.no-answer\"", "name=\"legal.filed-to-court\"", "name=\"people.collectors\"");

        HttpResponse<String> manager = fetch("manager", PAGE);
        assertThat(manager.statusCode()).isEqualTo(200);
        assertThat(manager.body()).doesNotContain("id=\"simulate\"").contains("id=\"recent\"");

        assertThat(fetch("collector", PAGE).statusCode()).isEqualTo(403);
        assertThat(fetch("analyst", "/plans/no-such-plan/simulate").statusCode()).isEqualTo(404);
    }

    @Test
    void aFinishedRunShowsItsTotalsChartsAndDays() throws InterruptedException {
        Map<String, Object> run = Api.as(rest, "analyst").post("/api/plans/individual-standard/simulations",
                Map.of("sample", Map.of("size", 40), "days", 20, "seed", 9));
        String id = (String) run.get("id");
        HttpResponse<String> progress = fetch("manager", PAGE + "/runs/" + id + "/progress");
        for (int wait = 0; wait < 600 && progress.headers().firstValue("HX-Refresh").isEmpty(); wait++) {
            assertThat(progress.body()).contains("hx-trigger=\"every 1s\"");
            Thread.sleep(500);
            progress = fetch("manager", PAGE + "/runs/" + id + "/progress");
        }
        assertThat(progress.headers().firstValue("HX-Refresh")).contains("true");

        HttpResponse<String> page = fetch("manager", PAGE + "?run=" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"totals\"", "<svg", "<rect", "<polyline", "id=\"days\"",
                "first-reminder");
        assertThat(List.of(page.body().split("<tr><td>20")).size()).isGreaterThan(1); // day rows of 2026-..
    }
}
