package dev.dunning.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.DunningTest;

@DunningTest
class ActuatorTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> health(String user, String path) {
        TestRestTemplate as = user == null ? rest : rest.withBasicAuth(user, user);
        return as.exchange(path, HttpMethod.GET, null, Map.class);
    }

    private ResponseEntity<String> text(String user, String path) {
        TestRestTemplate as = user == null ? rest : rest.withBasicAuth(user, user);
        return as.exchange(path, HttpMethod.GET, null, String.class);
    }

    @Test
    void anyoneSeesWhetherTheNodeIsUpButNotWhatItIsMadeOf() {
        var health = health(null, "/actuator/health");

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP").doesNotContainKey("components");
        assertThat(health(null, "/actuator/health/node").getBody()).containsEntry("status", "UP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminSeesTheDatabaseAndEveryEnabledChannelAndNoMailCheckWhileEmailIsOff() {
        var health = health("admin", "/actuator/health");

        assertThat(health.getBody()).containsEntry("status", "UP");
        Map<String, Object> components = (Map<String, Object>) health.getBody().get("components");
        assertThat(components).containsKeys("db", "channels").doesNotContainKey("mail");
        Map<String, Object> channels = (Map<String, Object>) ((Map<String, Object>) components.get("channels"))
                .get("components");
        assertThat(channels).containsKey("log");
        assertThat(((Map<String, Object>) channels.get("log")).get("status")).isIn("UP", "UNKNOWN");
    }

    @Test
    void theOtherActuatorEndpointsAreForAdminsOnly() {
        assertThat(text("admin", "/actuator/flowable").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(text("admin", "/actuator/metrics").getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String user : new String[] {"analyst", "collector", "lawyer", "manager"}) {
            assertThat(text(user, "/actuator/prometheus").getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(text(null, "/actuator/prometheus").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(text(null, "/actuator/flowable").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void prometheusListsDunningsMetricsForAnAdmin() {
        Debtors.withOpenCase(Api.as(rest, "admin"), "prom", Map.of(), "700.00", clock.today());

        var scrape = text("admin", "/actuator/prometheus");

        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape.getBody()).contains(
                "dunning_cases_opened_total{plan=\"individual-standard\"}",
                "dunning_cases_active{stage=\"reminder\",status=\"open\"}",
                "dunning_evaluation_seconds_count",
                "dunning_imports_rows_total{registry=\"customers\",result=\"accepted\"}",
                "dunning_notices_pending{channel=\"log\"}",
                "dunning_engine_jobs_dead_letter ");
    }
}
