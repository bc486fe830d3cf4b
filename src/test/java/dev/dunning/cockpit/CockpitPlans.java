package dev.dunning.cockpit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanGroupEdit;
import dev.dunning.plans.PlanGroups;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;

/**
 * A small plan under a fresh key with a fresh group on it: open -> ask billing ({@code checkBilling}, async, fails
 * while {@link FlakyBilling} is down for the customer) -> call ({@code callDebtor}) -> record the outcome -> done.
 */
final class CockpitPlans {

    private final BusinessTime time;
    private final BusinessClock clock;
    private final FlakyBilling billing;
    private final Api admin;
    final String key;
    final String group;

    CockpitPlans(PlanCatalog catalog, PlanGroups groups, BusinessTime time, BusinessClock clock, FlakyBilling billing,
            Api admin) {
        this.time = time;
        this.clock = clock;
        this.billing = billing;
        this.admin = admin;
        this.key = "cockpit-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.deploy(key + ".bpmn20.xml", plan(key).getBytes(StandardCharsets.UTF_8), "analyst");
        this.group = "group-" + UUID.randomUUID().toString().substring(0, 8);
        groups.save(group, new PlanGroupEdit(key, "none", null, null, null, List.of()), "analyst");
    }

    /** A customer named {@code name} with a debt, whose case the evaluation opens; returns the customer id. */
    String openCase(String name) {
        return openCase(name, false);
    }

    /** A case whose billing step failed on every retry: its job is a dead letter. */
    String openCaseWithFailedStep(String name) {
        String customer = openCase(name, true);
        // The engine retries a failed job after a short wait, three attempts in all.
        time.advance(Duration.ofMinutes(5));
        return customer;
    }

    private String openCase(String name, boolean billingDown) {
        String customer = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        if (billingDown) {
            billing.downFor(customer);
        }
        admin.importCsv("customers", """
                customer_id,name,group,email,locale
                %s,%s,%s,%s@example.org,en
                """.formatted(customer, name, group, customer.toLowerCase()));
        Debtors.owe(admin, customer, "1000.00", clock.today().minusDays(40));
        admin.post("/api/admin/evaluate", Map.of());
        time.runDueNow();
        return customer;
    }

    @SuppressWarnings("unchecked")
    static String caseOf(Api admin, String customerId) {
        return (String) ((Map<String, Object>) admin.get("/api/customers/" + customerId).get("case")).get("id");
    }

    static String plan(String key) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:dunning="https://dunning.dev/bpmn"
                             targetNamespace="https://dunning.dev/plans">
                  <message id="debtPaid" name="debtPaid"/>
                  <process id="%s" name="Cockpit test plan" isExecutable="true"
                           dunning:graceDays="5" dunning:minimumAmount="100.00">
                    <startEvent id="caseOpened" dunning:stage="reminder"/>
                    <sequenceFlow id="toCheckBilling" sourceRef="caseOpened" targetRef="checkBilling"/>
                    <serviceTask id="checkBilling" name="Ask billing" flowable:async="true"
                                 flowable:expression="${billing.check(execution)}"/>
                    <sequenceFlow id="toCall" sourceRef="checkBilling" targetRef="callDebtor"/>
                    <userTask id="callDebtor" name="Call the debtor" flowable:candidateGroups="collectors"
                              flowable:formKey="call-debtor" dunning:stage="call"/>
                    <sequenceFlow id="toRecordCallOutcome" sourceRef="callDebtor" targetRef="recordCallOutcome"/>
                    <serviceTask id="recordCallOutcome" name="Record the call outcome"
                                 flowable:expression="${plan.recordCallOutcome(execution)}"/>
                    <sequenceFlow id="toDone" sourceRef="recordCallOutcome" targetRef="planDone"/>
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
                """.formatted(key);
    }
}
