package dev.dunning.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.DunningTest;

@DunningTest
class EngineRestApiTest {

    private static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="dunning-test">
              <process id="sneaky" isExecutable="true"><startEvent id="start"/></process>
            </definitions>
            """;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> get(String user, String path) {
        TestRestTemplate as = user == null ? rest : rest.withBasicAuth(user, user);
        return as.exchange(path, HttpMethod.GET, null, Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminListsTheProcessDefinitionsAndFindsTheProcessOfARunningCaseByItsCaseId() {
        Debtors.Debtor debtor = Debtors.withOpenCase(Api.as(rest, "admin"), "ops", Map.of(), "5000.00", clock.today());

        var definitions = get("admin", "/process-api/repository/process-definitions?key=individual-standard");
        assertThat(definitions.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(definitions.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat((List<Map<String, Object>>) definitions.getBody().get("data"))
                .extracting(each -> each.get("key")).isNotEmpty().containsOnly("individual-standard");

        var instances = get("admin", "/process-api/runtime/process-instances?businessKey=" + debtor.caseId());
        assertThat(instances.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> data = (List<Map<String, Object>>) instances.getBody().get("data");
        assertThat(data).singleElement().satisfies(instance -> {
            assertThat(instance.get("businessKey")).isEqualTo(debtor.caseId());
            assertThat((String) instance.get("processDefinitionId")).startsWith("individual-standard:");
        });
    }

    @Test
    void everyOtherRoleIsForbiddenAndAnAnonymousCallerIsAskedForBasicCredentials() {
        for (String user : List.of("analyst", "collector", "lawyer", "manager")) {
            assertThat(get(user, "/process-api/runtime/process-instances").getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(get(user, "/dmn-api/dmn-repository/decisions").getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        var anonymous = get(null, "/process-api/repository/process-definitions");
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    @Test
    void theExternalWorkerAndIdentityApisAreNotServed() {
        assertThat(rest.withBasicAuth("collector", "collector").exchange("/external-job-api/acquire/jobs",
                HttpMethod.POST, new HttpEntity<>(Map.of("topic", "any", "lockDuration", "PT1M", "workerId", "w")),
                String.class).getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(rest.withBasicAuth("admin", "admin").exchange("/idm-api/users", HttpMethod.GET, null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth("admin", "admin").exchange("/external-job-api/jobs", HttpMethod.GET, null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aDeploymentThroughTheEngineApiIsRefusedAndPointsAtThePlansApi() {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(BPMN.getBytes()) {
            @Override
            public String getFilename() {
                return "sneaky.bpmn20.xml";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<Map> refused = rest.withBasicAuth("admin", "admin").exchange("/process-api/repository/deployments",
                HttpMethod.POST, new HttpEntity<>(form, headers), Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // Flowable's error shape: the status in "message", what went wrong in "exception".
        assertThat(refused.getBody().get("message")).isEqualTo("Forbidden");
        assertThat((String) refused.getBody().get("exception")).contains("POST /api/plans");
        assertThat(get("admin", "/process-api/repository/process-definitions?key=sneaky").getBody().get("total"))
                .isEqualTo(0);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void variablesThatPlansTrustAndTheBusinessKeyCannotBeChangedThroughTheEngineApi() {
        Debtors.Debtor debtor = Debtors.withOpenCase(Api.as(rest, "admin"), "ops", Map.of(), "5000.00", clock.today());
        String instanceId = (String) ((List<Map<String, Object>>) get("admin",
                "/process-api/runtime/process-instances?businessKey=" + debtor.caseId()).getBody().get("data"))
                .get(0).get("id");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<Map> refused = rest.withBasicAuth("admin", "admin").exchange(
                "/process-api/runtime/process-instances/" + instanceId + "/variables", HttpMethod.PUT,
                new HttpEntity<>(List.of(Map.of("name", "customerId", "type", "string", "value", "someone-else")),
                        headers), Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) refused.getBody().get("exception")).contains("plans trust them");

        ResponseEntity<Map> rekeyed = rest.withBasicAuth("admin", "admin").exchange(
                "/process-api/runtime/process-instances/" + instanceId, HttpMethod.PUT,
                new HttpEntity<>(Map.of("businessKey", "another-case"), headers), Map.class);
        assertThat(rekeyed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) rekeyed.getBody().get("exception")).contains("the id of the process's case");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anAllowedChangeThroughTheEngineApiIsAuditedWithTheAdminsName() {
        Debtors.Debtor debtor = Debtors.withOpenCase(Api.as(rest, "admin"), "ops", Map.of(), "5000.00", clock.today());
        String instanceId = (String) ((List<Map<String, Object>>) get("admin",
                "/process-api/runtime/process-instances?businessKey=" + debtor.caseId()).getBody().get("data"))
                .get(0).get("id");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        TestRestTemplate admin = rest.withBasicAuth("admin", "admin");

        ResponseEntity<Map> suspended = admin.exchange("/process-api/runtime/process-instances/" + instanceId,
                HttpMethod.PUT, new HttpEntity<>(Map.of("action", "suspend"), headers), Map.class);
        admin.exchange("/process-api/runtime/process-instances/" + instanceId, HttpMethod.PUT,
                new HttpEntity<>(Map.of("action", "activate"), headers), Map.class);

        assertThat(suspended.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(suspended.getBody().get("suspended")).isEqualTo(true);
        assertThat(jdbc.sql("SELECT actor FROM timeline_event WHERE kind = 'engine-api' AND summary = :summary")
                .param("summary", "PUT /process-api/runtime/process-instances/" + instanceId + " answered 200")
                .query(String.class).list()).containsExactly("admin", "admin");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theDmnApiListsThePlanChoiceDecisionsAndRefusesDeployments() {
        var decisions = get("admin", "/dmn-api/dmn-repository/decisions?size=100");

        assertThat(decisions.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> data = (List<Map<String, Object>>) decisions.getBody().get("data");
        assertThat(data).isNotEmpty().allSatisfy(decision -> {
            assertThat(decision.get("key")).isNotNull();
            assertThat(decision.get("deploymentId")).isNotNull();
            assertThat((String) decision.get("url")).endsWith("/dmn-api/dmn-repository/decisions/" + decision.get("id"));
        });
        assertThat(((Number) decisions.getBody().get("total")).longValue()).isGreaterThanOrEqualTo(data.size());
        String oneId = (String) data.get(0).get("id");
        assertThat(get("admin", "/dmn-api/dmn-repository/decisions/" + oneId).getBody().get("id")).isEqualTo(oneId);

        ResponseEntity<Map> refused = rest.withBasicAuth("admin", "admin").exchange("/dmn-api/dmn-repository/deployments",
                HttpMethod.POST, new HttpEntity<>("<definitions/>"), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) refused.getBody().get("exception")).contains("POST /api/plans/decisions");
    }
}
