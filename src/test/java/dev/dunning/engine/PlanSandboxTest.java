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
}
