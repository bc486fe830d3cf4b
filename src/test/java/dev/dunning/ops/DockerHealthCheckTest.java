package dev.dunning.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.dunning.support.DunningTest;

/**
 * The address docker/Dockerfile's HEALTHCHECK calls, asked of the running application: the container has no
 * credentials, so it must answer without a login, and with 200 while the node is UP.
 */
@DunningTest
class DockerHealthCheckTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    @SuppressWarnings("rawtypes")
    void theImagesHealthCheckAnswersUpWithoutALogin() {
        String path = Dockerfile.healthCheckPath();

        ResponseEntity<Map> health = rest.getForEntity(path, Map.class);

        assertThat(health.getStatusCode()).as("GET %s without credentials", path).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP").doesNotContainKey("components");
    }
}
