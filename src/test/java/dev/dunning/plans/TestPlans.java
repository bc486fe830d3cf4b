package dev.dunning.plans;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Small collection plans for the versions and migration tests, each under a fresh key (the test context is shared).
 * <p>
 * Version 1: open -> wait 3 days ({@code waitBeforeCall}) -> call ({@code callDebtor}) -> record the outcome -> wait
 * 5 days ({@code waitAfterCall}) -> done. Version 2 adds a reminder after the first wait ({@code sendReminder}),
 * a notice after the call ({@code sendAfterCall}) and replaces {@code waitAfterCall} by {@code waitForAnswer}.
 */
final class TestPlans {

    private TestPlans() {
    }

    static String freshKey(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new customer group whose master plan is {@code master} (other tests' customers stay out of it). */
    static String freshGroup(PlanGroups groups, String master, java.util.List<String> allowed) {
        String name = freshKey("group");
        groups.save(name, new PlanGroupEdit(master, "none", null, null, null, allowed), "analyst");
        return name;
    }

    /** Deployed as an analyst does through the plan API (checked, recorded, written to the test home's processes/). */
    static void deploy(PlanCatalog catalog, String key, String xml) {
        catalog.deploy(key + ".bpmn20.xml", xml.getBytes(StandardCharsets.UTF_8), "analyst");
    }

    static String versionOne(String key) {
        return plan(key, """
                <sequenceFlow id="toCall" sourceRef="waitBeforeCall" targetRef="callDebtor"/>
                %s
                <sequenceFlow id="toWaitAfterCall" sourceRef="recordCallOutcome" targetRef="waitAfterCall"/>
                <intermediateCatchEvent id="waitAfterCall" name="5 days">
                  <timerEventDefinition><timeDuration>P5D</timeDuration></timerEventDefinition>
                </intermediateCatchEvent>
                <sequenceFlow id="toDone" sourceRef="waitAfterCall" targetRef="planDone"/>
                """.formatted(CALL));
    }

    static String versionTwo(String key) {
        return plan(key, """
                <sequenceFlow id="toReminder" sourceRef="waitBeforeCall" targetRef="sendReminder"/>
                <serviceTask id="sendReminder" name="Send a reminder"
                             flowable:expression="${plan.sendNotice(execution, 'first-reminder', 'email')}"/>
                <sequenceFlow id="toCall" sourceRef="sendReminder" targetRef="callDebtor"/>
                %s
                <sequenceFlow id="toAfterCall" sourceRef="recordCallOutcome" targetRef="sendAfterCall"/>
                <serviceTask id="sendAfterCall" name="Write after the call"
                             flowable:expression="${plan.sendNotice(execution, 'second-reminder', 'email')}"/>
                <sequenceFlow id="toWaitForAnswer" sourceRef="sendAfterCall" targetRef="waitForAnswer"/>
                <intermediateCatchEvent id="waitForAnswer" name="5 days for an answer">
                  <timerEventDefinition><timeDuration>P5D</timeDuration></timerEventDefinition>
                </intermediateCatchEvent>
                <sequenceFlow id="toDone" sourceRef="waitForAnswer" targetRef="planDone"/>
                """.formatted(CALL));
    }

    /** A plan that sends a reminder at once, then calls: for the comparison report. */
    static String remindThenCall(String key) {
        return plan(key, """
                <sequenceFlow id="toReminder" sourceRef="waitBeforeCall" targetRef="sendReminder"/>
                <serviceTask id="sendReminder" name="Send a reminder"
                             flowable:expression="${plan.sendNotice(execution, 'first-reminder', 'email')}"/>
                <sequenceFlow id="toCall" sourceRef="sendReminder" targetRef="callDebtor"/>
                %s
                <sequenceFlow id="toWaitAfterCall" sourceRef="recordCallOutcome" targetRef="waitAfterCall"/>
                <intermediateCatchEvent id="waitAfterCall" name="30 days">
                  <timerEventDefinition><timeDuration>P30D</timeDuration></timerEventDefinition>
                </intermediateCatchEvent>
                <sequenceFlow id="toDone" sourceRef="waitAfterCall" targetRef="planDone"/>
                """.formatted(CALL)).replace("<timeDuration>P3D</timeDuration>", "<timeDuration>PT1M</timeDuration>");
    }

    private static final String CALL = """
            <userTask id="callDebtor" name="Call the debtor" flowable:candidateGroups="collectors"
                      flowable:formKey="call-debtor" dunning:stage="call"/>
            <sequenceFlow id="toRecordCallOutcome" sourceRef="callDebtor" targetRef="recordCallOutcome"/>
            <serviceTask id="recordCallOutcome" name="Record the call outcome"
                         flowable:expression="${plan.recordCallOutcome(execution)}"/>""";

    private static String plan(String key, String middle) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:dunning="https://dunning.dev/bpmn"
                             targetNamespace="https://dunning.dev/plans">
                  <message id="debtPaid" name="debtPaid"/>
                  <process id="%s" name="Test plan %s" isExecutable="true"
                           dunning:graceDays="5" dunning:minimumAmount="100.00">
                    <startEvent id="caseOpened" dunning:stage="reminder"/>
                    <sequenceFlow id="toWaitBeforeCall" sourceRef="caseOpened" targetRef="waitBeforeCall"/>
                    <intermediateCatchEvent id="waitBeforeCall" name="3 days">
                      <timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition>
                    </intermediateCatchEvent>
                    %s
                    <endEvent id="planDone"/>
                    <subProcess id="whenDebtIsPaid" triggeredByEvent="true">
                      <startEvent id="debtPaidReceived" isInterrupting="true">
                        <messageEventDefinition messageRef="debtPaid"/>
                      </startEvent>
                      <sequenceFlow id="toCaseSettled" sourceRef="debtPaidReceived" targetRef="caseSettled"/>
                      <endEvent id="caseSettled"/>
                    </subProcess>
                  </process>
                </definitions>
                """.formatted(key, key, middle);
    }
}
