package dev.dunning.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.support.DunningTest;

/**
 * Even a diagram that slipped past deployment checks cannot reach past the plan functions: the
 * engine resolves only beans exposed to plans, and expressions cannot call anything else.
 */
@DunningTest
class PlanSandboxTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    private void deploy(String key, String expression) {
        repository.createDeployment().addString(key + ".bpmn20.xml", """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="test">
                  <process id="%s" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step"/>
                    <serviceTask id="step" flowable:expression="%s"/>
                    <sequenceFlow id="f2" sourceRef="step" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""".formatted(key, expression)).deploy();
    }

    @Test
    void reflectionThroughAStringIsRefused() {
        deploy("sandboxReflection", "${''.getClass().forName('java.lang.Runtime')}");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("sandboxReflection"))
                .hasStackTraceContaining("plans may not call 'getClass'");
    }

    @Test
    void applicationBeansThatAreNotExposedCannotBeNamed() {
        deploy("sandboxBean", "${jdbcTemplate.execute('DROP TABLE customer')}");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("sandboxBean"))
                .hasStackTraceContaining("Unknown property used in expression");
    }

    @Test
    void engineInternalsCannotBeReadThroughTheExecution() {
        deploy("sandboxExecution", "${execution.processEngineServices}");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("sandboxExecution"))
                .hasStackTraceContaining("plans may not read 'processEngineServices'");
    }

    @Test
    void methodsOfTheExecutionCannotBeCalled() {
        deploy("sandboxSetVariable", "${execution.setVariable('customerId', 'someone-else')}");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("sandboxSetVariable"))
                .hasStackTraceContaining("plans may not call 'setVariable'");
    }

    @Test
    void springBeansThatAreNotExposedCannotBeNamedEvenTheEngineConfigurerOrTheEnvironment() {
        for (String bean : new String[] {"dunningEngineConfigurer", "environment", "applicationContext", "planCatalog",
                "processEngineConfiguration", "runtimeService"}) {
            deploy("sandbox-" + bean, "${" + bean + ".toString()}");
            assertThatThrownBy(() -> runtime.startProcessInstanceByKey("sandbox-" + bean)).as(bean)
                    .hasStackTraceContaining("Unknown property used in expression");
        }
    }

    @Test
    void anExposedBeanIsReachableOnlyThroughItsPlanNameNotItsBeanName() {
        deploy("sandboxBeanName", "${caseActions.forgetLastCall(execution)}");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("sandboxBeanName"))
                .hasStackTraceContaining("Unknown property used in expression");
    }

    @Test
    void anExpressionSmuggledInAVariableIsNeverEvaluated() {
        repository.createDeployment().addString("sandboxSmuggledTimer.bpmn20.xml", """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="test">
                  <process id="sandboxSmuggledTimer" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
                    <intermediateCatchEvent id="wait">
                      <timerEventDefinition><timeDuration>${wait}</timeDuration></timerEventDefinition>
                    </intermediateCatchEvent>
                    <sequenceFlow id="f2" sourceRef="wait" targetRef="call"/>
                    <userTask id="call" flowable:candidateGroups="${group}"/>
                    <sequenceFlow id="f3" sourceRef="call" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""").deploy();
        String smuggled = "${jdbcTemplate.execute('DROP TABLE timeline_event')}";

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("sandboxSmuggledTimer",
                java.util.Map.of("wait", smuggled, "group", smuggled)))
                .hasStackTraceContaining(smuggled);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM timeline_event").query(Long.class).single())
                .isNotNegative();

        String id = runtime.startProcessInstanceByKey("sandboxSmuggledTimer",
                java.util.Map.of("wait", "PT1H", "group", smuggled)).getId();
        org.assertj.core.api.Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count())
                .isEqualTo(1);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
}
