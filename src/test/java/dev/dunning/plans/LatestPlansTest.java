package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;

import org.flowable.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.support.DunningTest;

/**
 * The plans' rules every notice asks for are kept for two seconds, but a plan deployed in this JVM, even past the
 * catalog (straight into the engine, as its REST API does), counts from the next question on.
 */
@DunningTest
class LatestPlansTest {

    @Autowired
    PlanCatalog plans;
    @Autowired
    RepositoryService repository;

    @Test
    void aNewVersionDeployedStraightIntoTheEngineIsTheLatestAtOnce() {
        String key = "latest-" + UUID.randomUUID().toString().substring(0, 8);
        deploy(key, "100.00");
        assertThat(minimumOf(key)).isEqualByComparingTo("100.00");

        deploy(key, "250.00");

        assertThat(minimumOf(key)).as("read again within the two seconds it is kept").isEqualByComparingTo("250.00");
    }

    private BigDecimal minimumOf(String key) {
        return plans.latestOfEach().stream().filter(plan -> plan.key().equals(key)).findFirst().orElseThrow()
                .minimumAmount();
    }

    private void deploy(String key, String minimumAmount) {
        repository.createDeployment().name(key).addString(key + ".bpmn20.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:dunning="https://dunning.dev/bpmn" targetNamespace="https://dunning.dev/plans">
                  <process id="%s" isExecutable="true" dunning:graceDays="5" dunning:minimumAmount="%s">
                    <startEvent id="caseOpened" dunning:stage="reminder"/>
                    <sequenceFlow id="toDone" sourceRef="caseOpened" targetRef="done"/>
                    <endEvent id="done"/>
                  </process>
                </definitions>""".formatted(key, minimumAmount)).deploy();
    }
}
