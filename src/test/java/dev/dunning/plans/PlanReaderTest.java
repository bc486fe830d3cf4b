package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PlanReaderTest {

    private final PlanReader reader = TestSteps.reader();

    private static byte[] plan(String processAttributes, String body) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:dunning="https://dunning.dev/bpmn" targetNamespace="test">
                  <process id="p" isExecutable="true" %s>
                    <startEvent id="start" dunning:stage="reminder"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step"/>
                    %s
                    <sequenceFlow id="f2" sourceRef="step" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""".formatted(processAttributes, body).getBytes(StandardCharsets.UTF_8);
    }

    private static final String SETTINGS = "dunning:graceDays=\"5\" dunning:minimumAmount=\"300.00\"";

    @Test
    void aPlanCallingPlanFunctionsIsAccepted() {
        assertThat(reader.read("ok.bpmn20.xml", plan(SETTINGS,
                "<serviceTask id=\"step\" flowable:expression=\"${plan.sendNotice(execution, 'first-reminder', 'email')}\" dunning:stage=\"reminder\"/>")))
                .isNotNull();
    }

    @Test
    void aScriptTaskIsRefused() {
        assertThatThrownBy(() -> reader.read("script.bpmn20.xml", plan(SETTINGS,
                "<scriptTask id=\"step\" scriptFormat=\"groovy\"><script>'rm -rf /'.execute()</script></scriptTask>")))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("script.bpmn20.xml").hasMessageContaining("'step': is a script task");
    }

    @Test
    void aJavaClassDelegateIsRefused() {
        assertThatThrownBy(() -> reader.read("class.bpmn20.xml", plan(SETTINGS,
                "<serviceTask id=\"step\" flowable:class=\"java.lang.Runtime\"/>")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("'step': uses flowable:class 'java.lang.Runtime'; plans may not run Java classes");
    }

    @Test
    void engineSideMailHttpAndShellTasksAreRefused() {
        for (String type : new String[] {"mail", "http", "shell"}) {
            assertThatThrownBy(() -> reader.read(type + ".bpmn20.xml", plan(SETTINGS,
                    "<serviceTask id=\"step\" flowable:type=\"" + type + "\"/>")))
                    .isInstanceOf(InvalidPlanException.class).hasMessageContaining("'step': is a flowable:type=\"" + type + "\" task");
        }
    }

    @Test
    void aListenerBackedByAClassIsRefused() {
        assertThatThrownBy(() -> reader.read("listener.bpmn20.xml", plan(SETTINGS, """
                <serviceTask id="step" flowable:expression="${plan.countMissedCall(execution)}">
                  <extensionElements><flowable:executionListener event="start" class="java.lang.Runtime"/></extensionElements>
                </serviceTask>""")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("'step': a listener (start) uses flowable:class 'java.lang.Runtime'");
    }

    @Test
    void everyProblemIsListedIncludingMissingPlanDataAndUnknownStages() {
        assertThatThrownBy(() -> reader.read("bad.bpmn20.xml", plan("dunning:minimumAmount=\"lots\"",
                "<serviceTask id=\"step\" flowable:expression=\"${plan.countMissedCall(execution)}\" dunning:stage=\"jail\"/>")))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        new PlanProblem("p", "needs dunning:graceDays, a whole number of days >= 0"),
                        new PlanProblem("p", "dunning:minimumAmount 'lots' is not an amount"),
                        new PlanProblem("step", "dunning:stage 'jail' is not one of " + PlanReader.STAGES)));
    }

    @Test
    void answerLimitsMustBeWholeDaysFromOneToAYear() {
        assertThat(reader.read("limits.bpmn20.xml", plan(SETTINGS + " dunning:maxPromiseDays=\"3\" dunning:maxPostponeDays=\"366\"",
                "<serviceTask id=\"step\" flowable:expression=\"${plan.countMissedCall(execution)}\"/>"))).isNotNull();
        assertThatThrownBy(() -> reader.read("limits.bpmn20.xml", plan(SETTINGS + " dunning:maxPromiseDays=\"0\" dunning:maxPostponeDays=\"a month\"",
                "<serviceTask id=\"step\" flowable:expression=\"${plan.countMissedCall(execution)}\"/>")))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactly(
                        new PlanProblem("p", "dunning:maxPromiseDays '0' must be a whole number of days from 1 to 366"),
                        new PlanProblem("p", "dunning:maxPostponeDays 'a month' must be a whole number of days from 1 to 366")));
    }

    @Test
    void aFileThatIsNotBpmnIsRefusedWithTheParserMessage() {
        assertThatThrownBy(() -> reader.read("broken.bpmn20.xml", "<definitions><process".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("line 1: not well-formed XML");
    }

    /** A step library with a restriction function, as the field plans bring one. */
    public static class RestrictingSteps {
        public void restrictService(Object execution) {
        }

        public void forgetLastCall(Object execution) {
        }
    }

    @Test
    void aPlanThatNeverRestrictsMayNotCallARestrictionFunction() {
        PlanReader withRestriction = new PlanReader(StepLibrary.of(java.util.Map.of("plan", RestrictingSteps.class),
                java.util.Set.of()));
        byte[] xml = plan(SETTINGS + " dunning:neverRestrict=\"true\"",
                "<serviceTask id=\"step\" flowable:expression=\"${plan.restrictService(execution)}\"/>");

        assertThat(withRestriction.check(xml).problems()).containsExactly(new PlanProblem("step",
                "line 6: calls plan.restrictService but the plan says dunning:neverRestrict=\"true\" (this debtor's service is"
                        + " never restricted)"));
        assertThat(withRestriction.check(plan(SETTINGS,
                "<serviceTask id=\"step\" flowable:expression=\"${plan.restrictService(execution)}\"/>")).problems()).isEmpty();
    }

    @Test
    void boundedCyclesDurationsOfAMinuteOrMoreAndDatesAreAcceptedTimers() {
        for (String timer : new String[] {"<timeCycle>R3/PT1H</timeCycle>", "<timeCycle>R2/2026-03-01T10:00:00Z/P1D</timeCycle>",
                "<timeDuration>PT1M</timeDuration>", "<timeDuration>P1M</timeDuration>", "<timeDate>2026-03-01T10:00:00Z</timeDate>",
                "<timeDate>2026-03-01</timeDate>", "<timeDuration>${plan.dayAfter(promisedOn)}</timeDuration>"}) {
            assertThat(reader.check(plan(SETTINGS, "<intermediateCatchEvent id=\"step\"><timerEventDefinition>" + timer
                    + "</timerEventDefinition></intermediateCatchEvent>")).problems()).as(timer).isEmpty();
        }
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceEachWithItsElement() {
        byte[] xml = plan("dunning:graceDays=\"5\"", """
                <serviceTask id="step" flowable:class="java.lang.Runtime" dunning:stag="call"/>
                <userTask id="call" flowable:formKey="${form}"/>
                <intermediateCatchEvent id="wait"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></intermediateCatchEvent>
                """);

        assertThat(reader.check(xml).problems()).extracting(PlanProblem::element)
                .containsExactlyInAnyOrder("p", "step", "step", "call", "call", "wait");
    }
}
