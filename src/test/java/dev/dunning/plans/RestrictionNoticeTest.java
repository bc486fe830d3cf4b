package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * A plan that declares the notice period before a restriction ({@code dunning:restrictionNoticeDays}) cannot be
 * deployed with a way to a restriction step that waits less; a plan for debtors never restricted cannot hold one.
 */
class RestrictionNoticeTest {

    private final PlanReader reader = TestSteps.reader();

    private static final String SETTINGS = "dunning:graceDays=\"5\" dunning:minimumAmount=\"300.00\"";

    /** A plan: start, a notice, {@code wait} (a timer step called "wait"), then {@code restriction}. */
    private static byte[] plan(String attributes, String wait, String restriction, String more) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xmlns:dunning="https://dunning.dev/bpmn" targetNamespace="test">
                  <message id="restrictionAnswered" name="restrictionAnswered"/>
                  <process id="p" isExecutable="true" %s %s>
                    <startEvent id="start" dunning:stage="reminder"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="notice"/>
                    <serviceTask id="notice" flowable:expression="${plan.sendNotice(execution, 'restriction-warning', 'letter')}"/>
                    <sequenceFlow id="f2" sourceRef="notice" targetRef="wait"/>
                    %s
                    <sequenceFlow id="f3" sourceRef="wait" targetRef="restrict"/>
                    %s
                    <sequenceFlow id="f4" sourceRef="restrict" targetRef="end"/>
                    <endEvent id="end"/>
                    %s
                  </process>
                </definitions>""".formatted(SETTINGS, attributes, wait, restriction, more).getBytes(StandardCharsets.UTF_8);
    }

    private static String timer(String duration) {
        return "<intermediateCatchEvent id=\"wait\"><timerEventDefinition><timeDuration>" + duration
                + "</timeDuration></timerEventDefinition></intermediateCatchEvent>";
    }

    private static final String CONNECTOR_STEP =
            "<serviceTask id=\"restrict\" flowable:expression=\"${plan.restrictService(execution)}\"/>";
    private static final String MANAGERS_STEP = "<userTask id=\"restrict\" flowable:candidateGroups=\"managers\""
            + " flowable:formKey=\"restrict-service\" dunning:stage=\"restriction\"/>";
    private static final String TWENTY_DAYS = "dunning:restrictionNoticeDays=\"20\"";

    @Test
    void aRestrictionRightAfterTwentyDaysOfNoticeIsAccepted() {
        assertThat(reader.check(plan(TWENTY_DAYS, timer("P20D"), CONNECTOR_STEP, "")).problems()).isEmpty();
        assertThat(reader.check(plan(TWENTY_DAYS, timer("P21D"), MANAGERS_STEP, "")).problems()).isEmpty();
        assertThat(reader.check(plan(TWENTY_DAYS, timer("PT480H"), MANAGERS_STEP, "")).problems()).isEmpty();
    }

    @Test
    void aRestrictionAfterNineteenDaysIsRefusedNamingTheLineTheStepAndThePeriod() {
        assertThatThrownBy(() -> reader.read("too-soon.bpmn20.xml", plan(TWENTY_DAYS, timer("P19D"), CONNECTOR_STEP, "")))
                .isInstanceOfSatisfying(InvalidPlanException.class, refused -> {
                    assertThat(refused.file()).isEqualTo("too-soon.bpmn20.xml");
                    assertThat(refused.problems()).singleElement().satisfies(problem -> {
                        assertThat(problem.element()).isEqualTo("restrict");
                        assertThat(problem.message()).startsWith("line 12: this restriction step can be reached from"
                                + " 'start' without a timer of 20 days or more").contains("restrictionNoticeDays=\"20\"");
                    });
                });
    }

    @Test
    void aMonthCountsAsItsShortestAndADateOrAnExpressionAsNoWaitAtAll() {
        String thirty = "dunning:restrictionNoticeDays=\"30\"";
        assertThat(reader.check(plan(thirty, timer("P1M"), MANAGERS_STEP, "")).problems()).hasSize(1);
        assertThat(reader.check(plan(thirty, timer("P1M2D"), MANAGERS_STEP, "")).problems()).isEmpty();
        assertThat(reader.check(plan(TWENTY_DAYS, "<intermediateCatchEvent id=\"wait\"><timerEventDefinition>"
                + "<timeDate>${plan.dayAfter(promisedOn)}</timeDate></timerEventDefinition></intermediateCatchEvent>",
                MANAGERS_STEP, "")).problems()).extracting(PlanProblem::element).containsExactly("restrict");
    }

    @Test
    void aWayAroundTheTimerIsRefused() {
        String gateway = "<exclusiveGateway id=\"wait\" default=\"f3\"/>";
        String shortcut = "<sequenceFlow id=\"waitLess\" sourceRef=\"wait\" targetRef=\"pause\"><conditionExpression"
                + " xsi:type=\"tFormalExpression\">${plan.sentBy(restrictionNoticeId, 'letter')}</conditionExpression>"
                + "</sequenceFlow><intermediateCatchEvent id=\"pause\"><timerEventDefinition><timeDuration>P20D"
                + "</timeDuration></timerEventDefinition></intermediateCatchEvent>"
                + "<sequenceFlow id=\"f5\" sourceRef=\"pause\" targetRef=\"restrict\"/>";

        assertThat(reader.check(plan(TWENTY_DAYS, gateway, MANAGERS_STEP, shortcut)).problems())
                .extracting(PlanProblem::element).containsExactly("restrict");
    }

    @Test
    void aRestrictionInAnEventSubProcessCanHappenAnyDayAndIsRefused() {
        String anyDay = """
                <subProcess id="whenAsked" triggeredByEvent="true">
                  <startEvent id="asked" isInterrupting="false"><messageEventDefinition messageRef="restrictionAnswered"/></startEvent>
                  <sequenceFlow id="s1" sourceRef="asked" targetRef="restrictNow"/>
                  <serviceTask id="restrictNow" flowable:expression="${plan.restrictService(execution)}"/>
                  <sequenceFlow id="s2" sourceRef="restrictNow" targetRef="done"/>
                  <endEvent id="done"/>
                </subProcess>""";

        assertThat(reader.check(plan(TWENTY_DAYS, timer("P20D"), MANAGERS_STEP, anyDay)).problems())
                .extracting(PlanProblem::element).containsExactly("restrictNow");
    }

    @Test
    void theNoticePeriodIsAWholeNumberOfDays() {
        assertThat(reader.check(plan("dunning:restrictionNoticeDays=\"twenty\"", timer("P20D"), MANAGERS_STEP, ""))
                .problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                        .contains("dunning:restrictionNoticeDays 'twenty' must be a whole number of days from 1 to 366"));
    }

    @Test
    void aPlanForDebtorsNeverRestrictedCannotHoldTheConnectorsRestrictionStep() {
        assertThatThrownBy(() -> reader.read("hospital.bpmn20.xml", plan("dunning:neverRestrict=\"true\"", timer("P20D"),
                CONNECTOR_STEP, ""))).isInstanceOfSatisfying(InvalidPlanException.class, refused -> {
                    assertThat(refused.getMessage()).startsWith("plan hospital.bpmn20.xml cannot be deployed");
                    assertThat(refused.problems()).singleElement().isEqualTo(new PlanProblem("restrict",
                            "line 12: calls plan.restrictService but the plan says dunning:neverRestrict=\"true\""
                                    + " (this debtor's service is never restricted)"));
                });
    }

    @Test
    void theShippedUtilitiesPlanRestrictsOnlyAfterItsTwentyDaysAndThePublicPlansNever() throws IOException {
        assertThat(reader.check(Files.readAllBytes(Path.of("processes/utilities-individual.bpmn20.xml"))).problems())
                .isEmpty();
        for (String plan : new String[] {"public-standard", "public-flasher"}) {
            byte[] xml = Files.readAllBytes(Path.of("processes/" + plan + ".bpmn20.xml"));
            assertThat(new String(xml, StandardCharsets.UTF_8)).as(plan).contains("dunning:neverRestrict=\"true\"");
            assertThat(reader.check(xml).problems()).as(plan).isEmpty();
        }
    }
}
