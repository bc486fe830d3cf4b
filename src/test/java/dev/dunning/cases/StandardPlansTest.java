package dev.dunning.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.ExclusiveGateway;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.engine.RepositoryService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.support.DunningTest;

/**
 * The shipped plans treat every outcome of the forms alike, and public bodies are never restricted (the utilities
 * plan, which restricts, has its own checks in {@link FieldPlansProcessTest}).
 */
@DunningTest
class StandardPlansTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    PlanCatalog plans;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;

    @ParameterizedTest
    @ValueSource(strings = {"individual-standard", "business-standard", "public-standard", "b2b-schedule",
            "public-flasher"})
    void everyOutcomeOfTheCallAndOfTheLegalWorkHasItsWayThroughThePlan(String planKey) throws IOException {
        BpmnModel model = repository.getBpmnModel(plans.latest(planKey).orElseThrow().processDefinitionId());

        assertThat(conditions(model, "callOutcome")).as("call outcomes besides the default, refused")
                .containsExactlyInAnyOrderElementsOf(optionsOf("call-debtor", "callOutcome", "refused"));
        assertThat(((ExclusiveGateway) model.getFlowElement("callOutcome")).getDefaultFlow()).isEqualTo("refusedToPay");
        assertThat(conditions(model, "legalOutcome"))
                .containsExactlyInAnyOrderElementsOf(optionsOf("legal-case", "legalOutcome", null));
        assertThat(conditions(model, "writeOffApproved")).containsExactly("approve");
        assertThat(plans.latest(planKey).orElseThrow().stages()).containsEntry("callDebtor", "call")
                .containsEntry("sendPretrialClaim", "pretrial").containsEntry("waitForLawyersClaimAnswer", "pretrial")
                .containsEntry("waitForPaymentAfterClaim", "pretrial").containsEntry("handleLegalCase", "legal")
                .doesNotContainValue("restriction");
    }

    @ParameterizedTest
    @CsvSource({"business, 10", "public, 20"})
    void aWrongNumberBringsThePretrialClaimOnEveryPlan(String group, int daysUntilTheCall) {
        PlanCase plan = PlanCase.opened(rest, time, clock, group, "20000.00");
        plan.advance(Duration.ofDays(daysUntilTheCall));

        plan.call("wrong-number");

        assertThat(plan.currentCase()).containsEntry("plan", group + "-standard").containsEntry("stage", "pretrial");
        assertThat(plan.noticeTemplates()).first().isEqualTo("pretrial-claim");
    }

    @ParameterizedTest
    @CsvSource({"business, 10", "public, 20"})
    void aDisputeAsksTheManagersOnEveryPlan(String group, int daysUntilTheCall) {
        PlanCase plan = PlanCase.opened(rest, time, clock, group, "20000.00");
        plan.advance(Duration.ofDays(daysUntilTheCall));

        plan.call("disputes", "disputeReason", "the contract ended in December");

        assertThat(plan.currentCase()).containsEntry("status", "suspended");
        assertThat(plan.taskOf(plan.manager, "reviewDispute")).isNotNull();
    }

    /** The values the outgoing flows of a gateway test, as in {@code ${callOutcome == 'no-money'}}. */
    private static List<String> conditions(BpmnModel model, String gatewayId) {
        List<String> values = new ArrayList<>();
        for (SequenceFlow flow : ((ExclusiveGateway) model.getFlowElement(gatewayId)).getOutgoingFlows()) {
            String condition = flow.getConditionExpression();
            if (condition != null && condition.contains("== '")) {
                values.add(condition.substring(condition.indexOf("== '") + 4, condition.lastIndexOf('\'')));
            }
        }
        return values;
    }

    private static List<String> optionsOf(String form, String field, String leftOut) throws IOException {
        JsonNode json = new ObjectMapper().readTree(Path.of("forms", form + ".form.json").toFile());
        List<String> values = new ArrayList<>();
        for (JsonNode each : json.get("fields")) {
            if (each.get("id").asText().equals(field)) {
                each.get("options").forEach(option -> values.add(option.get("value").asText()));
            }
        }
        values.remove(leftOut);
        assertThat(values).isNotEmpty();
        return values;
    }
}
