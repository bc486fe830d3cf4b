package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import dev.dunning.support.Api;
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
        Api api = Api.as(rest, user);
        Map<String, Object> body = Map.of("fromVersion", 1, "toVersion", 2);
        return HttpStatus.valueOf(("GET".equals(method) ? api.getForResponse(path) : api.postForResponse(path, body))
                .getStatusCode().value());
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
    }
}
