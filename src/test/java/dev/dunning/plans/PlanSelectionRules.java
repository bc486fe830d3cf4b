package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.cases.Evaluation;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.ImportReport;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.support.Api;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/**
 * Which plan applies, through the real SQL and the REST API: the order override > registry plan > decision/split >
 * master plan, the allowed plans at import and over the API, the audit, and that changes reach customers at the next
 * evaluation while running cases keep their plan. Every test makes its own groups and customers (the application is
 * shared). Run on H2 by {@link PlanSelectionTest} and on PostgreSQL by {@link PlanSelectionPostgresTest}.
 */
abstract class PlanSelectionRules {

    static final String INDIVIDUAL = "individual-standard";
    static final String BUSINESS = "business-standard";
    static final String PUBLIC = "public-standard";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanGroups groups;
    @Autowired
    PlanSelection selection;
    @Autowired
    PlanDecisions decisions;
    @Autowired
    RegistryImport registries;
    @Autowired
    Ledger ledger;
    @Autowired
    Evaluation evaluation;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    org.flowable.dmn.api.DmnRepositoryService dmnRepository;

    private final String p = UUID.randomUUID().toString().substring(0, 8);

    // --- the order of choice ----------------------------------------------------------------------------------

    @Test
    void anOverrideWinsOverTheRegistryPlanWhichWinsOverTheGroupsMasterPlan() {
        String group = group(INDIVIDUAL, List.of(BUSINESS, PUBLIC), null, null, null);
        String onMaster = customer("A", group, "");
        String onRegistryPlan = customer("B", group, PUBLIC);
        String overridden = customer("C", group, PUBLIC);
        analyst().put("/api/plans/overrides/" + overridden, Map.of("plan", BUSINESS, "reason", "runs a shop"));
        List.of(onMaster, onRegistryPlan, overridden).forEach(c -> owe(c, "5000.00", 40));

        evaluation.evaluate();

        assertThat(caseOf(onMaster)).containsEntry("plan", INDIVIDUAL);
        assertThat(caseOf(onRegistryPlan)).containsEntry("plan", PUBLIC);
        assertThat(caseOf(overridden)).containsEntry("plan", BUSINESS);
        assertThat(selection.choiceOf(overridden)).get().extracting(PlanSelection.Choice::source).isEqualTo("override");
    }

    @Test
    void aSplitSendsTheCustomersBelowThePercentageToTheChallengerAndADecisionWinsOverTheSplit() {
        String group = group(INDIVIDUAL, List.of(BUSINESS, PUBLIC), null, BUSINESS, 50);
        String challenger = customerInBucket(group, 0, 50);
        String champion = customerInBucket(group, 50, 100);
        List.of(challenger, champion).forEach(c -> owe(c, "5000.00", 40));

        evaluation.evaluate();

        assertThat(caseOf(challenger)).containsEntry("plan", BUSINESS);
        assertThat(caseOf(champion)).containsEntry("plan", INDIVIDUAL);
        assertThat(jdbc.sql("SELECT plan_bucket FROM customer WHERE customer_id = :id").param("id", champion)
                .query(Integer.class).single()).as("the bucket stored is the one computed in Java")
                .isEqualTo(PlanSelection.bucket(champion));

        String decisionKey = deployDecision(">= 100000", PUBLIC);
        save(group, INDIVIDUAL, List.of(BUSINESS, PUBLIC), decisionKey, BUSINESS, 50);
        String bigDebtorInChallengerArm = customerInBucket(group, 0, 50);
        String smallDebtorInChallengerArm = customerInBucket(group, 0, 50);
        owe(bigDebtorInChallengerArm, "150000.00", 40);
        owe(smallDebtorInChallengerArm, "5000.00", 40);

        evaluation.evaluate();

        assertThat(caseOf(bigDebtorInChallengerArm)).as("the decision chose").containsEntry("plan", PUBLIC);
        assertThat(caseOf(smallDebtorInChallengerArm)).as("no rule matched: the split decides")
                .containsEntry("plan", BUSINESS);
    }

    @Test
    void aDecisionChoosingAPlanTheGroupDoesNotAllowLeavesTheCustomerOnTheMasterPlanAndRecordsTheProblem() {
        String group = group(INDIVIDUAL, List.of(PUBLIC), null, null, null);
        String decisionKey = deployDecision(">= 1000", BUSINESS);
        save(group, INDIVIDUAL, List.of(PUBLIC), decisionKey, null, null);
        String debtor = customer("A", group, "");
        owe(debtor, "5000.00", 40);

        evaluation.evaluate();

        assertThat(caseOf(debtor)).containsEntry("plan", INDIVIDUAL);
        assertThat(groups.get(group).decisionProblem()).contains("chose " + BUSINESS)
                .contains("does not allow").contains(debtor);
    }

    // --- changes take effect at the next evaluation ------------------------------------------------------------

    @Test
    void aNewMasterPlanReachesNewCasesAtTheNextEvaluationWhileTheRunningCaseKeepsItsPlan() {
        String group = group(INDIVIDUAL, List.of(BUSINESS), null, null, null);
        String first = customer("A", group, "");
        owe(first, "5000.00", 40);
        evaluation.evaluate();
        assertThat(caseOf(first)).containsEntry("plan", INDIVIDUAL);

        save(group, BUSINESS, List.of(INDIVIDUAL), null, null, null);
        String second = customer("B", group, "");
        owe(second, "5000.00", 40);
        assertThat(caseOf(second)).as("nothing opens between evaluations").isNull();

        evaluation.evaluate();

        assertThat(caseOf(first)).as("the running case keeps its plan").containsEntry("plan", INDIVIDUAL);
        assertThat(caseOf(second)).containsEntry("plan", BUSINESS);
    }

    @Test
    void aNewSplitReachesCustomersWithoutACaseAtTheNextEvaluationOnly() {
        String group = group(INDIVIDUAL, List.of(BUSINESS), null, null, null);
        String inWork = customerInBucket(group, 0, 40);
        owe(inWork, "5000.00", 40);
        evaluation.evaluate();
        assertThat(caseOf(inWork)).containsEntry("plan", INDIVIDUAL);

        save(group, INDIVIDUAL, List.of(BUSINESS), null, BUSINESS, 40);
        assertThat(selection.split(group)).get().satisfies(split -> {
            assertThat(split.champion()).isEqualTo(INDIVIDUAL);
            assertThat(split.challenger()).isEqualTo(BUSINESS);
            assertThat(split.percent()).isEqualTo(40);
            assertThat(split.since()).isEqualTo(clock.now());
            assertThat(split.armOf(BUSINESS)).isEqualTo("challenger");
        });
        String newcomer = customerInBucket(group, 0, 40);
        owe(newcomer, "5000.00", 40);

        evaluation.evaluate();

        assertThat(caseOf(inWork)).containsEntry("plan", INDIVIDUAL);
        assertThat(caseOf(newcomer)).containsEntry("plan", BUSINESS);
        assertThat(jdbc.sql("SELECT chosen_plan FROM customer WHERE customer_id = :id").param("id", inWork)
                .query(String.class).optional()).as("a customer in work keeps the choice their case was opened with")
                .isEmpty();
    }

    @Test
    void aGroupsUpcomingPlanSetToNoneInTheAppStopsItsRemindersBeforeTheDueDate() {
        String reminded = group(INDIVIDUAL, List.of(), null, null, null);
        String quiet = "g" + UUID.randomUUID().toString().substring(0, 8);
        groups.save(quiet, new PlanGroupEdit(INDIVIDUAL, "none", null, null, null, List.of()), "analyst");
        String remindedCustomer = customer("R", reminded, "");
        String quietCustomer = customer("Q", quiet, "");
        owe(remindedCustomer, "5000.00", -2);
        owe(quietCustomer, "5000.00", -2);

        evaluation.evaluate();

        assertThat(remindersOf(remindedCustomer)).isEqualTo(1);
        assertThat(remindersOf(quietCustomer)).isZero();
    }

    private int remindersOf(String customer) {
        return jdbc.sql("SELECT COUNT(*) FROM upcoming_payment WHERE customer_id = :id").param("id", customer)
                .query(Integer.class).single();
    }

    // --- allowed plans -----------------------------------------------------------------------------------------

    @Test
    void theImportRefusesAPlanTheCustomersGroupDoesNotAllowNamingLineAndColumn() {
        String group = group(PUBLIC, List.of(), null, null, null);

        ImportReport report = importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group,plan\n"
                + p + "ok,Fine,%s,%s\n".formatted(group, PUBLIC)
                + p + "bad,Hospital,%s,%s\n".formatted(group, INDIVIDUAL));

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3L);
            assertThat(error.column()).isEqualTo("plan");
            assertThat(error.message()).isEqualTo("plan '" + INDIVIDUAL + "' is not allowed for group '" + group
                    + "' (allowed: " + PUBLIC + ")");
        });
    }

    @Test
    void theImportRefusesToMoveACustomerToAGroupThatDoesNotAllowTheirOverride() {
        String from = group(INDIVIDUAL, List.of(BUSINESS), null, null, null);
        String to = group(PUBLIC, List.of(), null, null, null);
        String customer = customer("A", from, "");
        analyst().put("/api/plans/overrides/" + customer, Map.of("plan", BUSINESS, "reason", "a company after all"));

        ImportReport report = importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group\n%s,Customer A,%s\n"
                .formatted(customer, to));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(2L);
            assertThat(error.column()).isEqualTo("group");
            assertThat(error.message()).contains("plan '" + BUSINESS + "' by an analyst's override")
                    .contains("group '" + to + "' does not allow").contains("DELETE /api/plans/overrides/" + customer);
        });
        assertThat(ledger.customer(customer)).get().extracting(dev.dunning.ledger.Customer::group).isEqualTo(from);
    }

    @Test
    void anOverrideMustBeAllowedForTheGroupAndIsAuditedWithTheCustomerWhenSetAndLifted() {
        String group = group(INDIVIDUAL, List.of(BUSINESS), null, null, null);
        String customer = customer("A", group, "");

        ResponseEntity<Map<String, Object>> refused = analyst().putForResponse("/api/plans/overrides/" + customer,
                Map.of("plan", PUBLIC, "reason", "hospital"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getBody().get("errors")).asList().singleElement().asString()
                .contains("field=plan").contains("not allowed for group '" + group + "'");

        analyst().put("/api/plans/overrides/" + customer, Map.of("plan", BUSINESS, "reason", "runs a shop"));
        assertThat(analyst().deleteForResponse("/api/plans/overrides/" + customer).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(timeline.of(customer)).filteredOn(e -> e.kind().startsWith("plan-override"))
                .extracting(TimelineEvent::kind, TimelineEvent::actor, TimelineEvent::summary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("plan-override-set", "analyst", "plan override for customer "
                                + customer + ": none -> " + BUSINESS + " (runs a shop)"),
                        org.assertj.core.groups.Tuple.tuple("plan-override-lifted", "analyst", "plan override for customer "
                                + customer + ": " + BUSINESS + " -> none"));
    }

    // --- groups ------------------------------------------------------------------------------------------------

    @Test
    void aGroupEditIsCheckedFieldByField() {
        String group = "g-" + p;
        ResponseEntity<Map<String, Object>> refused = analyst().putForResponse("/api/plans/groups/" + group, Map.of(
                "masterPlan", "gold-plan", "allowedPlans", List.of("silver-plan"), "challengerPlan", PUBLIC,
                "challengerPercent", 100, "decisionKey", "no-such-decision"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) refused.getBody().get("errors");
        assertThat(errors).extracting(e -> e.get("field") + ": " + e.get("message")).containsExactly(
                "masterPlan: 'gold-plan' is not a deployed collection plan",
                "allowedPlans: not deployed collection plans: silver-plan",
                "challengerPlan: '" + PUBLIC + "' is not one of the group's allowed plans",
                "challengerPercent: the challenger's share is a whole percentage from 1 to 99",
                "decisionKey: 'no-such-decision' is not a deployed decision (processes/*.dmn)");
        assertThat(groups.find(group)).isEmpty();

        save(group, INDIVIDUAL, List.of(BUSINESS), null, null, null);
        ResponseEntity<Map<String, Object>> sameAsMaster = analyst().putForResponse("/api/plans/groups/" + group,
                Map.of("masterPlan", INDIVIDUAL, "challengerPlan", INDIVIDUAL, "challengerPercent", 10));
        assertThat(sameAsMaster.getBody().get("errors")).asList().singleElement().asString()
                .contains("the challenger must differ from the master plan");
    }

    @Test
    void theMasterPlanIsAlwaysAllowedAndEveryChangeIsOnTheTimelineWithItsActorAndOldAndNewValues() {
        String group = "g-" + p;
        Map<String, Object> created = analyst().put("/api/plans/groups/" + group,
                Map.of("masterPlan", INDIVIDUAL, "allowedPlans", List.of(BUSINESS)));
        assertThat(created.get("allowedPlans")).isEqualTo(List.of(BUSINESS, INDIVIDUAL));

        analyst().put("/api/plans/groups/" + group, Map.of("masterPlan", BUSINESS, "allowedPlans", List.of(INDIVIDUAL),
                "challengerPlan", INDIVIDUAL, "challengerPercent", 20));

        List<String> audit = jdbc.sql("SELECT actor || ' ' || summary FROM timeline_event WHERE kind = 'plan-group-changed'"
                + " AND summary LIKE :group ORDER BY event_id").param("group", "group " + group + "%")
                .query(String.class).list();
        assertThat(audit).containsExactly(
                "analyst group " + group + " created: master plan " + INDIVIDUAL + ", allowed " + BUSINESS + ", " + INDIVIDUAL,
                "analyst group " + group + ": master plan " + INDIVIDUAL + " -> " + BUSINESS
                        + "; split none -> 20% on " + INDIVIDUAL);
    }

    @Test
    void aPlanCustomersOfTheGroupAreOnCannotBeTakenOffTheAllowedList() {
        String group = group(INDIVIDUAL, List.of(BUSINESS), null, null, null);
        customer("A", group, BUSINESS);

        assertThatThrownBy(() -> save(group, INDIVIDUAL, List.of(), null, null, null))
                .isInstanceOf(InvalidPlanGroupException.class)
                .hasMessageContaining("allowedPlans: customers of the group are put on " + BUSINESS);
    }

    @Test
    void analystsEditGroupsManagersReadThemAndCollectorsSeeNothing() {
        String group = "g-" + p;
        Map<String, Object> edit = Map.of("masterPlan", INDIVIDUAL);
        assertThat(analyst().putForResponse("/api/plans/groups/" + group, edit).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("manager").getForResponse("/api/plans/groups/" + group).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("manager").putForResponse("/api/plans/groups/" + group, edit).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("collector").getForResponse("/api/plans/groups").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("collector").putForResponse("/api/plans/overrides/x", Map.of("plan", INDIVIDUAL, "reason", "r"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aGroupMadeInTheAppIsAGroupTheImportAccepts() {
        String group = "g-" + p;
        ImportReport before = importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group\n%sA,A,%s\n".formatted(p, group));
        assertThat(before.errors()).singleElement().extracting(e -> e.column()).isEqualTo("group");

        save(group, INDIVIDUAL, List.of(), null, null, null);

        assertThat(importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group\n%sA,A,%s\n".formatted(p, group)).accepted())
                .isEqualTo(1);
    }

    // --- the DMN engine's sandbox ------------------------------------------------------------------------------

    @Test
    void aDecisionDeployedPastTheReaderStillCannotReachBeansOrCallMethods() {
        String key = "sneaky-" + p;
        for (String entry : List.of("${planGroups.list() != null}", "${amount.getClass().getName() == 'x'}")) {
            String xml = decisionXml(key, "amount", entry.replace("'", "&apos;"), "\"" + INDIVIDUAL + "\"");
            dmnRepository.createDeployment().name(key + ".dmn").addString(key + ".dmn", xml).deploy();

            assertThatThrownBy(() -> decisions.choose(key, Map.of("amount", java.math.BigDecimal.TEN)))
                    .as(entry).isInstanceOf(RuntimeException.class);
        }
    }

    // --- support -----------------------------------------------------------------------------------------------

    private String group(String master, List<String> allowed, String decision, String challenger, Integer percent) {
        String name = "g" + UUID.randomUUID().toString().substring(0, 8);
        save(name, master, allowed, decision, challenger, percent);
        return name;
    }

    private void save(String name, String master, List<String> allowed, String decision, String challenger,
            Integer percent) {
        groups.save(name, new PlanGroupEdit(master, null, decision, challenger, percent, allowed), "analyst");
    }

    private String deployDecision(String amountEntry, String plan) {
        String key = "choice-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.deploy(key + ".dmn", decisionXml(key, "amount", amountEntry.replace(">", "&gt;").replace("<", "&lt;"),
                "\"" + plan + "\"").getBytes(StandardCharsets.UTF_8));
        return key;
    }

    static String decisionXml(String key, String input, String entry, String output) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d-%1$s" name="test"
                             namespace="https://dunning.dev/dmn">
                  <decision id="%1$s" name="test choice">
                    <decisionTable id="table" hitPolicy="FIRST">
                      <input id="in1"><inputExpression id="in1e" typeRef="number"><text>%2$s</text></inputExpression></input>
                      <output id="out" name="plan" typeRef="string"/>
                      <rule id="rule1">
                        <inputEntry id="rule1in"><text>%3$s</text></inputEntry>
                        <outputEntry id="rule1out"><text>%4$s</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(key, input, entry, output);
    }

    private String customer(String name, String group, String plan) {
        String id = p + "-" + name;
        ImportReport report = importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group,plan\n%s,Customer %s,%s,%s\n"
                .formatted(id, name, group, plan));
        assertThat(report.errors()).isEmpty();
        return id;
    }

    /** A new customer of the group whose split bucket is in [from, to). */
    private String customerInBucket(String group, int from, int to) {
        for (int i = 0; ; i++) {
            String id = p + "-b" + UUID.randomUUID().toString().substring(0, 6);
            int bucket = PlanSelection.bucket(id);
            if (bucket >= from && bucket < to) {
                assertThat(importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group\n%s,Customer,%s\n"
                        .formatted(id, group)).errors()).isEmpty();
                return id;
            }
        }
    }

    private void owe(String customer, String amount, int daysOverdue) {
        String invoice = customer + "-i" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(importCsv(RegistryKind.INVOICES, "invoice_id,customer_id,due_on,amount\n%s,%s,%s,%s\n"
                .formatted(invoice, customer, clock.today().minusDays(daysOverdue), amount)).errors()).isEmpty();
    }

    private ImportReport importCsv(RegistryKind kind, String csv) {
        return registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> caseOf(String customer) {
        return (Map<String, Object>) as("admin").get("/api/customers/" + customer).get("case");
    }

    private Rest analyst() {
        return as("analyst");
    }

    private Rest as(String user) {
        return new Rest(rest.withBasicAuth(user, user), Api.as(rest, user));
    }

    /** Api plus PUT and DELETE. */
    record Rest(TestRestTemplate rest, Api api) {

        private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> OBJECT =
                new org.springframework.core.ParameterizedTypeReference<>() {
                };

        Map<String, Object> get(String path) {
            return api.get(path);
        }

        ResponseEntity<Map<String, Object>> getForResponse(String path) {
            return api.getForResponse(path);
        }

        Map<String, Object> put(String path, Object json) {
            ResponseEntity<Map<String, Object>> response = putForResponse(path, json);
            assertThat(response.getStatusCode().is2xxSuccessful()).as(path + " answered " + response.getStatusCode()
                    + ": " + response.getBody()).isTrue();
            return response.getBody();
        }

        ResponseEntity<Map<String, Object>> putForResponse(String path, Object json) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            return rest.exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers), OBJECT);
        }

        ResponseEntity<Map<String, Object>> deleteForResponse(String path) {
            return rest.exchange(path, HttpMethod.DELETE, null, OBJECT);
        }
    }
}
