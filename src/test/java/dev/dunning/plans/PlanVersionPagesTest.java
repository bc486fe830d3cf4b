package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.DunningTest;

/**
 * The versions page as people use it: the versions with their waiting cases, the migrate form, the preview table
 * and the confirmation (analysts only); the experiments page with its figures.
 */
@DunningTest
class PlanVersionPagesTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanCatalog catalog;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    PlanGroups groups;
    @LocalServerPort
    int port;

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A browser of one person: cookies kept, so the form's CSRF token and the flash after a redirect work. */
    private final class Browser {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final String user;
        private String csrf;

        Browser(String user) {
            this.user = user;
        }

        HttpResponse<String> get(String path) {
            HttpResponse<String> response = send(request(path).GET().build());
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return response;
        }

        HttpResponse<String> post(String path, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")) + "&_csrf=" + csrf;
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html")
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException | InterruptedException e) {
                throw new AssertionError(request.uri() + ": " + e, e);
            }
        }
    }

    @Test
    void anAnalystPreviewsAndConfirmsAMigrationAndAManagerOnlyPreviews() {
        Api admin = Api.as(rest, "admin");
        String key = TestPlans.freshKey("pages");
        TestPlans.deploy(catalog, key, TestPlans.versionOne(key));
        String group = TestPlans.freshGroup(groups, key, java.util.List.of());
        time.moveTo(clock.today().plusDays(1).atTime(7, 0).atZone(clock.getZone()).toInstant());
        String customer = "V-" + UUID.randomUUID().toString().substring(0, 8);
        admin.importCsv("customers", """
                customer_id,name,group,email,locale
                %s,Test Debtor,%s,%s@example.org,en
                """.formatted(customer, group, customer.toLowerCase()));
        Debtors.owe(admin, customer, "700.00", clock.today().minusDays(40));
        admin.post("/api/admin/evaluate", Map.of());
        time.runDueNow();
        TestPlans.deploy(catalog, key, TestPlans.versionTwo(key));
        String page = "/plans/" + key + "/versions";

        Browser manager = new Browser("manager");
        HttpResponse<String> versions = manager.get(page);
        assertThat(versions.statusCode()).isEqualTo(200);
        assertThat(versions.body()).contains("data-version=\"2\"").contains("data-version=\"1\"")
                .contains("data-activity=\"waitBeforeCall\"").contains("xml?version=1").contains("<td>analyst</td>");
        HttpResponse<String> managersPreview = manager.post(page + "/preview", Map.of("fromVersion", "1",
                "toVersion", "2", "mappings", "", "caseIds", ""));
        assertThat(managersPreview.statusCode()).isEqualTo(200);
        assertThat(managersPreview.body()).contains("id=\"preview\"").doesNotContain("id=\"confirm-form\"");
        assertThat(manager.post(page + "/migrate", Map.of("fromVersion", "1", "toVersion", "2", "mappings", "",
                "caseIds", "")).statusCode()).isEqualTo(403);

        Browser analyst = new Browser("analyst");
        analyst.get(page);
        HttpResponse<String> badMapping = analyst.post(page + "/preview", Map.of("fromVersion", "1", "toVersion", "2",
                "mappings", "waitAfterCall", "caseIds", ""));
        assertThat(badMapping.body()).contains("id=\"migration-problem\"").contains("line 1");
        HttpResponse<String> preview = analyst.post(page + "/preview", Map.of("fromVersion", "1", "toVersion", "2",
                "mappings", "waitAfterCall=waitForAnswer", "caseIds", ""));
        String caseId = (String) Debtors.currentCase(admin, customer).get("id");
        assertThat(preview.body()).contains("data-case=\"" + caseId + "\"").contains("id=\"confirm-form\"");
        HttpResponse<String> confirmed = analyst.post(page + "/migrate", Map.of("fromVersion", "1", "toVersion", "2",
                "mappings", "waitAfterCall=waitForAnswer", "caseIds", ""));
        assertThat(confirmed.statusCode()).isEqualTo(302);
        HttpResponse<String> after = analyst.get(page);
        assertThat(after.body()).contains("id=\"migration-result\"").contains("id=\"migrations\"");
        assertThat(Debtors.currentCase(admin, customer)).containsEntry("planVersion", 2);

        HttpResponse<String> experiments = manager.get("/plans/experiments?group=" + group + "&champion=" + key
                + "&challenger=individual-standard&from=" + clock.today() + "&to=" + clock.today());
        assertThat(experiments.statusCode()).isEqualTo(200);
        assertThat(experiments.body()).contains("id=\"experiment\"").contains("data-figure=\"collectionRate\"")
                .contains("id=\"experiment-csv\"");
        assertThat(manager.get("/plans/experiments?group=" + group).body())
                .as("by default the group's master plan is the champion").contains("<option selected>" + key + "</option>");
    }
}
