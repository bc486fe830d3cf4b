package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import dev.dunning.support.DunningTest;

/** Who may do what with migrations: analysts and admins apply, managers preview and read, collectors nothing. */
@DunningTest
class PlanMigrationAccessTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanCatalog catalog;

    private final String key = TestPlans.freshKey("access");

    private HttpStatus status(String user, String method, String path) {
        TestRestTemplate as = rest.withBasicAuth(user, user);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        HttpEntity<Map<String, Object>> body = new HttpEntity<>(Map.of("fromVersion", 1, "toVersion", 2), headers);
        return HttpStatus.valueOf(("GET".equals(method) ? as.exchange(path, HttpMethod.GET, null, String.class)
                : as.exchange(path, HttpMethod.POST, body, String.class)).getStatusCode().value());
    }

    @Test
    void managersPreviewAndReadButDoNotApplyAndCollectorsAreTurnedAway() {
        TestPlans.deploy(catalog, key, TestPlans.versionOne(key));
        TestPlans.deploy(catalog, key, TestPlans.versionTwo(key));
        String base = "/api/plans/" + key + "/migrations";

        assertThat(status("manager", "POST", base + "/preview")).isEqualTo(HttpStatus.OK);
        assertThat(status("manager", "GET", base)).isEqualTo(HttpStatus.OK);
        assertThat(status("manager", "POST", base)).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(status("collector", "POST", base + "/preview")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("collector", "GET", base)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("collector", "POST", base)).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(status("analyst", "POST", base + "/preview")).isEqualTo(HttpStatus.OK);
        // Analysts may apply: with no running case on version 1 the answer is the 422 that says so, not a 403.
        assertThat(status("analyst", "POST", base)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(status("admin", "POST", base)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

        assertThat(status("manager", "GET", "/plans/" + key + "/versions")).isEqualTo(HttpStatus.OK);
        assertThat(status("collector", "GET", "/plans/" + key + "/versions")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("manager", "GET", "/plans/experiments")).isEqualTo(HttpStatus.OK);
        assertThat(status("collector", "GET", "/plans/experiments")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("collector", "GET", "/api/plans/experiments/report.csv?group=individual&champion=" + key
                + "&challenger=" + key + "&from=2026-01-01&to=2026-12-31")).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
