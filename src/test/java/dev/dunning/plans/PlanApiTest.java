package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import dev.dunning.files.EditableFiles;
import dev.dunning.support.DunningTest;

/** Analysts check and deploy plans through the API; managers read them; collectors do neither. */
@DunningTest
class PlanApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanCatalog catalog;
    @Autowired
    EditableFiles files;
    @Autowired
    JdbcClient jdbc;

    static String plan(String key, String firstTemplate) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:dunning="https://dunning.dev/bpmn" targetNamespace="test">
                  <process id="%s" name="API plan" isExecutable="true" dunning:graceDays="5" dunning:minimumAmount="100.00">
                    <startEvent id="caseOpened" dunning:stage="reminder"/>
                    <sequenceFlow id="toRemind" sourceRef="caseOpened" targetRef="remind"/>
                    <serviceTask id="remind" flowable:async="true"
                                 flowable:expression="${plan.sendNotice(execution, '%s', 'email')}"/>
                    <sequenceFlow id="toWait" sourceRef="remind" targetRef="wait"/>
                    <intermediateCatchEvent id="wait">
                      <timerEventDefinition><timeDuration>P7D</timeDuration></timerEventDefinition>
                    </intermediateCatchEvent>
                    <sequenceFlow id="toCall" sourceRef="wait" targetRef="call"/>
                    <userTask id="call" flowable:candidateGroups="collectors" flowable:formKey="call-debtor" dunning:stage="call"/>
                    <sequenceFlow id="toEnd" sourceRef="call" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """.formatted(key, firstTemplate);
    }

    private ResponseEntity<Map<String, Object>> post(String user, String path, String xml) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_XML);
        return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(xml, headers), OBJECT);
    }

    private List<Map<String, Object>> versions(String user, String key) {
        ResponseEntity<List<Map<String, Object>>> response = rest.withBasicAuth(user, user)
                .exchange("/api/plans/" + key + "/versions", HttpMethod.GET, null, LIST);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private List<String> auditOf(String kind, String actor) {
        return jdbc.sql("SELECT summary FROM timeline_event WHERE kind = :kind AND actor = :actor ORDER BY event_id")
                .param("kind", kind).param("actor", actor).query(String.class).list();
    }

    @Test
    void anAnalystChecksAPlanAndSeesEveryProblemWithItsElement() {
        ResponseEntity<Map<String, Object>> good = post("analyst", "/api/plans/check", plan("api-check-good", "first-reminder"));
        assertThat(good.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(good.getBody()).containsEntry("key", "api-check-good").containsEntry("valid", true)
                .containsEntry("problems", List.of());

        String bad = plan("api-check-bad", "no-such-template").replace("call-debtor", "no-such-form")
                .replace("${plan.sendNotice", "${runtimeService.sendNotice");
        Map<String, Object> answer = post("analyst", "/api/plans/check", bad).getBody();
        assertThat(answer).containsEntry("key", "api-check-bad").containsEntry("valid", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) answer.get("problems");
        assertThat(problems).anySatisfy(problem -> assertThat(problem).containsEntry("element", "remind")
                .extractingByKey("message").asString().contains("'runtimeService' is refused"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).containsEntry("element", "call")
                .extractingByKey("message").asString().contains("form 'no-such-form' does not exist"));
        assertThat(catalog.versions("api-check-good")).as("checking deploys nothing").isEmpty();
    }

    @Test
    void aDeployedPlanIsRecordedAuditedWrittenToDiskAndAnUnchangedFileKeepsItsVersion() throws Exception {
        String xml = plan("api-deploy", "first-reminder");
        ResponseEntity<Map<String, Object>> first = post("analyst", "/api/plans?fileName=mine.bpmn20.xml", xml);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getBody()).containsEntry("key", "api-deploy").containsEntry("version", 1)
                .containsEntry("deployedBy", "analyst").containsEntry("unchanged", false);

        ResponseEntity<Map<String, Object>> again = post("analyst", "/api/plans", xml);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("version", 1).containsEntry("unchanged", true)
                .containsEntry("deploymentId", first.getBody().get("deploymentId"));

        Path onDisk = files.diskFolder("processes").resolve("api-deploy.bpmn20.xml");
        assertThat(Files.readString(onDisk)).isEqualTo(xml);

        String edited = xml.replace("P7D", "P9D");
        assertThat(post("analyst", "/api/plans", edited).getBody()).containsEntry("version", 2);
        assertThat(versions("manager", "api-deploy")).extracting(version -> version.get("version")).containsExactly(2, 1);
        assertThat(versions("manager", "api-deploy")).allSatisfy(version ->
                assertThat(version).containsEntry("deployedBy", "analyst").containsEntry("runningCases", 0)
                        .containsKey("deployedAt"));
        assertThat(auditOf("plan-deployed", "analyst")).contains("plan api-deploy version 1 deployed from api-deploy.bpmn20.xml",
                "plan api-deploy version 2 deployed from api-deploy.bpmn20.xml");

        ResponseEntity<String> v1 = rest.withBasicAuth("manager", "manager")
                .getForEntity("/api/plans/api-deploy/xml?version=1", String.class);
        assertThat(v1.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_XML)).isTrue();
        assertThat(v1.getBody()).isEqualTo(xml);
        assertThat(rest.withBasicAuth("manager", "manager").getForObject("/api/plans/api-deploy/xml", String.class))
                .isEqualTo(edited);
    }

    @Test
    void aRestartDeploysNoSpuriousVersionOfAPlanDeployedThroughTheApi() {
        post("analyst", "/api/plans", plan("api-restart", "first-reminder"));
        post("analyst", "/api/plans", plan("api-restart", "second-reminder"));

        catalog.afterPropertiesSet(); // what a restart does: deploy the processes folder

        assertThat(catalog.versions("api-restart")).extracting(PlanVersion::version).containsExactly(2, 1);
        assertThat(catalog.versions("individual-standard")).hasSize(1).first()
                .satisfies(version -> assertThat(version.deployedBy()).isEqualTo("system"));
    }

    @Test
    void aRefusedDeploymentIsA422WithTheProblemsAndIsAudited() {
        ResponseEntity<Map<String, Object>> refused = post("analyst", "/api/plans",
                plan("api-refused", "first-reminder").replace("collectors", "nobody-works-this"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getBody().get("problems")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).singleElement().asString()
                .contains("element=call").contains("candidate group 'nobody-works-this'");
        assertThat(auditOf("plan-rejected", "analyst")).anyMatch(summary -> summary.contains("(plan api-refused) refused with 1 problem"));
        assertThat(catalog.versions("api-refused")).isEmpty();
    }

    @Test
    void aPlanCanBeSentAsAMultipartFile() {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(plan("api-multipart", "first-reminder").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "drawn.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<Map<String, Object>> deployed = rest.withBasicAuth("analyst", "analyst")
                .exchange("/api/plans", HttpMethod.POST, new HttpEntity<>(form, headers), OBJECT);

        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(deployed.getBody()).containsEntry("key", "api-multipart");
    }

    @Test
    void aFileLargerThanTwoMegabytesIsRefusedUnread() {
        String huge = plan("api-huge", "first-reminder").replace("<endEvent id=\"end\"/>",
                "<endEvent id=\"end\"/><!--" + "x".repeat(PlanXml.MAX_BYTES) + "-->");

        ResponseEntity<Map<String, Object>> refused = post("analyst", "/api/plans", huge);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(refused.getBody()).extractingByKey("detail").asString().contains("larger than 2 MB");
    }

    @Test
    void managersReadPlansButCannotCheckOrDeployAndCollectorsSeeNothing() {
        post("analyst", "/api/plans", plan("api-roles", "first-reminder"));

        assertThat(post("manager", "/api/plans", plan("api-roles-manager", "first-reminder")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("manager", "/api/plans/check", plan("api-roles-manager", "first-reminder")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(versions("manager", "api-roles")).hasSize(1);
        assertThat(post("collector", "/api/plans", plan("api-roles-collector", "first-reminder")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("collector", "collector").getForEntity("/api/plans/api-roles/versions", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("collector", "collector").getForEntity("/api/plans/api-roles/xml", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/plans/no-such-plan/versions", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
