package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** What Dunning accepts as a plan that reminds before a due date, and what it refuses, with every reason. */
class UpcomingPlanReaderTest {

    private final PlanReader reader = TestSteps.reader();

    private static byte[] plan(String processAttributes, String timerDays, String extra) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:dunning="https://dunning.dev/bpmn" targetNamespace="test">
                  <process id="u" isExecutable="true" %s>
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="waitBefore"/>
                    <intermediateCatchEvent id="waitBefore">
                      <timerEventDefinition><timeDate>${plan.daysBeforeDue(execution, %s)}</timeDate></timerEventDefinition>
                    </intermediateCatchEvent>
                    <sequenceFlow id="f2" sourceRef="waitBefore" targetRef="remind"/>
                    <serviceTask id="remind" flowable:expression="${plan.sendPaymentReminder(execution, 'upcoming-payment', 'email')}" %s/>
                    <sequenceFlow id="f3" sourceRef="remind" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""".formatted(processAttributes, timerDays, extra).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theShippedPlanIsAnUpcomingPaymentPlan() throws IOException {
        Path shipped = Path.of("processes", "upcoming-payment.bpmn20.xml");

        assertThat(reader.read(shipped.toString(), Files.readAllBytes(shipped)).getMainProcess()
                .getAttributeValue(PlanReader.NAMESPACE, "remindDaysBefore")).isEqualTo("7,3,0");
    }

    @Test
    void aPlanWithDaysBeforeTheDueDateAndAnHourNeedsNoGracePeriodOrMinimum() {
        assertThat(reader.read("ok.bpmn20.xml", plan("dunning:remindDaysBefore=\"5, 1\" dunning:remindAt=\"09:30\"", "5", "")))
                .isNotNull();
    }

    @Test
    void everyProblemWithTheDaysAndTheHourIsListed() {
        assertThatThrownBy(() -> reader.read("bad.bpmn20.xml",
                plan("dunning:remindDaysBefore=\"7,x,120,7\" dunning:remindAt=\"25:00\"", "7", "")))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        new PlanProblem("u", "dunning:remindDaysBefore '7,x,120,7' must list whole numbers of days before the"
                                + " due date, such as 7,3,0; 'x' is not one"),
                        new PlanProblem("u", "dunning:remindDaysBefore '7,x,120,7': 120 is not a number of days from 0 to 90"),
                        new PlanProblem("u", "dunning:remindDaysBefore '7,x,120,7' lists 7 twice"),
                        new PlanProblem("u", "dunning:remindAt '25:00' is not a time of day such as 10:00")));
    }

    @Test
    void theHourIsRequired() {
        assertThatThrownBy(() -> reader.read("nohour.bpmn20.xml", plan("dunning:remindDaysBefore=\"3\"", "3", "")))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("'u': needs dunning:remindAt, the time of day reminders go out");
    }

    @Test
    void aTimerWaitingForADayThePlanDoesNotListIsRefused() {
        assertThatThrownBy(() -> reader.read("timer.bpmn20.xml",
                plan("dunning:remindDaysBefore=\"7,3,0\" dunning:remindAt=\"10:00\"", "14", "")))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactly(
                        new PlanProblem("waitBefore", "the timer waits until 14 days before the due date, which"
                                + " dunning:remindDaysBefore [7, 3, 0] does not list")));
    }

    @Test
    void aPlanCannotBothRemindBeforeAndCollectAfterADueDateNorHaveStages() {
        assertThatThrownBy(() -> reader.read("both.bpmn20.xml", plan(
                "dunning:remindDaysBefore=\"7\" dunning:remindAt=\"10:00\" dunning:graceDays=\"5\" dunning:minimumAmount=\"1\"",
                "7", "dunning:stage=\"reminder\"")))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        new PlanProblem("u", "has both dunning:remindDaysBefore and dunning:graceDays/dunning:minimumAmount;"
                                + " a plan either reminds before a due date or collects overdue debt, not both"),
                        new PlanProblem("remind", "an upcoming-payment plan is not a collection case and has no report"
                                + " stages; remove dunning:stage")));
    }
}
