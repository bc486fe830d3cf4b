package dev.dunning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.DunningTest;

/**
 * Who may open which page and call which endpoint: each role its own work, nothing more. A form posted with the
 * session but without its CSRF token is refused.
 */
@DunningTest
class PageAccessTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** The status as the server answers it, redirects not followed. */
    private java.net.http.HttpResponse<String> fetch(String user, String path) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"); // as a browser asks
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    private HttpStatus get(String user, String path) {
        return HttpStatus.valueOf(fetch(user, path).statusCode());
    }

    /** role → page → expected status; redirects (3xx) count as allowed only where the page redirects itself. */
    private static final Map<String, Map<String, HttpStatus>> MATRIX = Map.of(
            "collector", Map.of("/inbox", HttpStatus.OK, "/customers", HttpStatus.OK, "/team", HttpStatus.FORBIDDEN,
                    "/admin/users", HttpStatus.FORBIDDEN, "/legal", HttpStatus.FORBIDDEN,
                    "/dashboard", HttpStatus.FORBIDDEN, "/reports", HttpStatus.FORBIDDEN, "/admin/cockpit", HttpStatus.FORBIDDEN),
            "lawyer", Map.of("/inbox", HttpStatus.OK, "/customers", HttpStatus.OK, "/team", HttpStatus.FORBIDDEN,
                    "/admin/users", HttpStatus.FORBIDDEN, "/legal", HttpStatus.FOUND,
                    "/dashboard", HttpStatus.FORBIDDEN, "/reports", HttpStatus.FORBIDDEN, "/admin/cockpit", HttpStatus.FORBIDDEN),
            "manager", Map.of("/inbox", HttpStatus.OK, "/customers", HttpStatus.OK, "/team", HttpStatus.OK,
                    "/admin/users", HttpStatus.FORBIDDEN, "/legal", HttpStatus.FOUND,
                    "/dashboard", HttpStatus.OK, "/reports", HttpStatus.OK, "/admin/cockpit", HttpStatus.FORBIDDEN),
            "admin", Map.of("/inbox", HttpStatus.OK, "/customers", HttpStatus.OK, "/team", HttpStatus.OK,
                    "/admin/users", HttpStatus.OK, "/legal", HttpStatus.FOUND,
                    "/dashboard", HttpStatus.OK, "/reports", HttpStatus.OK, "/admin/cockpit", HttpStatus.OK),
            "analyst", Map.of("/inbox", HttpStatus.FORBIDDEN, "/customers", HttpStatus.FORBIDDEN,
                    "/team", HttpStatus.FORBIDDEN, "/admin/users", HttpStatus.FORBIDDEN, "/legal", HttpStatus.FORBIDDEN,
                    "/dashboard", HttpStatus.FORBIDDEN, "/reports", HttpStatus.FORBIDDEN, "/admin/cockpit", HttpStatus.FORBIDDEN));

    @Test
    void eachRoleOpensItsOwnPagesOnly() {
        MATRIX.forEach((user, pages) -> pages.forEach((page, expected) ->
                assertThat(get(user, page)).as(user + " " + page).isEqualTo(expected)));
    }

    @Test
    void withoutLoggingInEveryPageLeadsToTheLoginPage() {
        for (String page : List.of("/", "/inbox", "/customers", "/team", "/admin/users", "/legal", "/dashboard",
                "/reports", "/admin/cockpit")) {
            var response = fetch(null, page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/login");
        }
        assertThat(rest.getForEntity("/login", String.class).getBody()).contains("name=\"_csrf\"");
    }

    @Test
    void aCollectorCannotOpenLawyersDocumentsNorTheTeamsApi() {
        Debtors.Debtor debtor = Debtors.withOpenCase(Api.as(rest, "admin"), "ACC", Map.of(), "700.00", clock.today());
        assertThat(get("collector", "/api/cases/" + debtor.caseId() + "/documents/pretrial-claim.pdf"))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("lawyer", "/api/cases/" + debtor.caseId() + "/documents/pretrial-claim.pdf")).isEqualTo(HttpStatus.OK);
        assertThat(get("collector", "/api/tasks/workload")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("manager", "/api/tasks/workload")).isEqualTo(HttpStatus.OK);
        assertThat(get("collector", "/api/tasks/page?scope=ALL")).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aPageFormPostedWithTheSessionButWithoutItsTokenIsRefused() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        var login = rest.exchange("/login", HttpMethod.GET, null, String.class);
        String cookie = login.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
        headers.add(HttpHeaders.COOKIE, cookie == null ? "" : cookie.split(";")[0]);
        var response = rest.exchange("/login", HttpMethod.POST,
                new HttpEntity<>("username=admin&password=admin", headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(403);

        var api = rest.exchange("/api/admin/evaluate", HttpMethod.POST, new HttpEntity<>("", headers), String.class);
        assertThat(api.getStatusCode().value()).as("the API without Basic credentials needs the token too").isIn(401, 403);
    }
}
