package dev.dunning.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

import dev.dunning.clock.BusinessClock;
import dev.dunning.files.EditableFiles;
import dev.dunning.inbox.Inbox;
import dev.dunning.security.Roles;
import dev.dunning.security.UserAccounts;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/**
 * Call tasks go to the people of a team by the analysts' rules, one customer to one person, around people who are
 * away. Each test has its own team, people and buildings, so the shared context's other tasks never match. Run on H2
 * ({@link DistributionTest}) and PostgreSQL ({@link DistributionPostgresTest}).
 */
@SuppressWarnings({"unchecked", "rawtypes"})
abstract class DistributionRules {

    /** A plan's call step alone: lets a test give one customer several open call tasks at once. */
    private static final String CALL_ONLY = "distribution-call-only";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Distribution distribution;
    @Autowired
    UserAccounts accounts;
    @Autowired
    EditableFiles files;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Inbox inbox;
    @Autowired
    Timeline timeline;

    Api admin;
    Inbox.Worker manager;
    String tag;
    String team;

    @BeforeEach
    void setUp() {
        admin = Api.as(rest, "admin");
        manager = inbox.worker("manager", Set.of(Roles.MANAGER));
        tag = UUID.randomUUID().toString().substring(0, 6);
        team = "dist-" + tag;
        if (repository.createProcessDefinitionQuery().processDefinitionKey(CALL_ONLY).count() == 0) {
            repository.createDeployment().name(CALL_ONLY).addString(CALL_ONLY + ".bpmn20.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                                 xmlns:flowable="http://flowable.org/bpmn" targetNamespace="https://dunning.dev/test">
                      <process id="%s" isExecutable="true">
                        <startEvent id="start"/>
                        <sequenceFlow id="toCall" sourceRef="start" targetRef="callDebtor"/>
                        <userTask id="callDebtor" name="Call the debtor" flowable:candidateGroups="collectors"/>
                        <sequenceFlow id="toDone" sourceRef="callDebtor" targetRef="done"/>
                        <endEvent id="done"/>
                      </process>
                    </definitions>""".formatted(CALL_ONLY)).deploy();
        }
    }

    @AfterEach
    void noRulesAfterwards() throws IOException {
        writeRules("{\"rules\": []}");
    }

    private void writeRules(String json) throws IOException {
        Path folder = files.diskFolder(AssignmentRules.FOLDER);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(AssignmentRules.FILE_NAME), json, StandardCharsets.UTF_8);
    }

    private void ruleForBuildings(String prefix, String strategy) throws IOException {
        writeRules("""
                {"rules": [{"name": "test %s", "tasks": ["callDebtor"], "buildings": ["%s*"],
                            "team": "%s", "strategy": "%s"}]}""".formatted(tag, prefix, team, strategy));
    }

    /** Collectors in this test's team, in name order. */
    private List<String> people(String... names) {
        List<String> made = new ArrayList<>();
        for (String name : names) {
            String username = team + "-" + name;
            accounts.create(new UserAccounts.Change(username, "password-" + name, List.of(Roles.COLLECTOR),
                    List.of(team), true), "admin");
            made.add(username);
        }
        return made;
    }

    /** A customer in {@code building} who owes for water, due in two months (so no case opens meanwhile). */
    private String customerIn(String building) {
        String customerId = "DST-" + tag + "-" + UUID.randomUUID().toString().substring(0, 6);
        admin.importCsv("customers", """
                customer_id,name,group,locale,address,building
                %s,Anna Debtor,individual,ru,"Kazan, Lenina 5",%s
                """.formatted(customerId, building));
        admin.importCsv("invoices", """
                invoice_id,customer_id,service,due_on,amount
                %s-1,%s,water,%s,1200.00
                """.formatted(customerId, customerId, clock.today().plusDays(60)));
        return customerId;
    }

    /** Starts a call for the customer, as a plan's call step does, and returns who got it (null: nobody). */
    private String call(String customerId) {
        String processId = runtime.startProcessInstanceByKey(CALL_ONLY, Map.of("customerId", customerId)).getId();
        return tasks.createTaskQuery().processInstanceId(processId).singleResult().getAssignee();
    }

    private String holderOf(String customerId) {
        List<String> holders = jdbc.sql("SELECT DISTINCT assignee FROM work_item WHERE lane = '' AND customer_id = :c")
                .param("c", customerId).query(String.class).list();
        assertThat(holders).hasSize(1);
        return holders.get(0);
    }

    @Test
    void aPlansCallTasksForManyCustomersGoRoundTheTeam() throws IOException {
        List<String> people = people("a", "b", "c");
        ruleForBuildings("RR" + tag + "-", "round-robin");
        List<Debtors.Debtor> debtors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            debtors.add(Debtors.withOpenCase(admin, "DRR" + tag, Map.of("building", "RR" + tag + "-" + i), "900.00",
                    clock.today()));
        }

        admin.post("/api/admin/clock", Map.of("advance", "P12D"));
        for (int day = 0; day < 3 && callsOf(debtors).size() < debtors.size(); day++) {
            admin.post("/api/admin/clock", Map.of("advance", "P1D"));
        }

        Map<String, Long> callsPerPerson = callsOf(debtors).stream()
                .collect(Collectors.groupingBy(Task::getAssignee, TreeMap::new, Collectors.counting()));
        assertThat(callsPerPerson).containsExactly(Map.entry(people.get(0), 2L), Map.entry(people.get(1), 2L),
                Map.entry(people.get(2), 2L));
        Debtors.Debtor first = debtors.get(0);
        assertThat(timeline.of(first.customerId())).extracting(TimelineEvent::kind).contains("task-assigned");
        assertThat(inbox.page(inbox.worker(people.get(0), Set.of(Roles.COLLECTOR)),
                new dev.dunning.inbox.InboxQuery(dev.dunning.inbox.InboxQuery.Scope.MINE, "callDebtor", "DRR" + tag,
                        null, null, null, null, null, false, 0, 10)).tasks())
                .hasSize(2).allSatisfy(task -> assertThat(task.assignee()).isEqualTo(people.get(0)));
    }

    private List<Task> callsOf(List<Debtors.Debtor> debtors) {
        List<Task> calls = new ArrayList<>();
        for (Debtors.Debtor debtor : debtors) {
            calls.addAll(tasks.createTaskQuery().processInstanceBusinessKey(debtor.caseId()).taskDefinitionKey("callDebtor")
                    .list());
        }
        return calls;
    }

    @Test
    void leastLoadedGivesNewCustomersToWhoeverHoldsFewestOpenTasks() throws IOException {
        List<String> people = people("a", "b");
        ruleForBuildings("LL" + tag + "-", "least-loaded");
        String first = customerIn("LL" + tag + "-1");
        String second = customerIn("LL" + tag + "-2");
        assertThat(List.of(call(first), call(second))).containsExactly(people.get(0), people.get(1));
        // The manager hands b's call to a: a holds two, b none.
        Task secondsCall = tasks.createTaskQuery().processVariableValueEquals("customerId", second).singleResult();
        inbox.reassign(secondsCall.getId(), people.get(0), "test", manager);

        List<String> next = List.of(call(customerIn("LL" + tag + "-3")), call(customerIn("LL" + tag + "-4")),
                call(customerIn("LL" + tag + "-5")));

        assertThat(next).containsExactly(people.get(1), people.get(1), people.get(0));
    }

    @Test
    void aCustomerInTwoListsHasOneCollectorWhateverTheTurn() throws IOException {
        List<String> people = people("a", "b", "c");
        writeRules("""
                {"rules": [
                  {"name": "by building", "tasks": ["callDebtor"], "buildings": ["TL%1$s-*"], "team": "%2$s",
                   "strategy": "round-robin"},
                  {"name": "by region", "groups": ["collectors"], "regions": ["Kazan"], "buildings": ["TR%1$s-*"],
                   "team": "%2$s", "strategy": "least-loaded"}
                ]}""".formatted(tag, team));
        String customer = customerIn("TL" + tag + "-1");
        String other = customerIn("TR" + tag + "-1");

        String firstCall = call(customer);
        String othersCall = call(other);
        String secondCall = call(customer);
        String thirdCall = call(customer);

        assertThat(firstCall).isEqualTo(people.get(0));
        assertThat(othersCall).isEqualTo(people.get(1));
        assertThat(secondCall).isEqualTo(firstCall);
        assertThat(thirdCall).isEqualTo(firstCall);
        // The turn is the team's, whichever rule gave it: b had the last new customer, so c is next.
        assertThat(call(customerIn("TL" + tag + "-2"))).isEqualTo(people.get(2));
    }

    @Test
    void someoneMarkedAwayHandsTheirCustomersToOthersAndGetsNoNewWorkUntilBack() throws IOException {
        List<String> people = people("a", "b", "c");
        ruleForBuildings("AW" + tag + "-", "round-robin");
        String annasCustomer = customerIn("AW" + tag + "-1");
        assertThat(call(annasCustomer)).isEqualTo(people.get(0));
        assertThat(call(customerIn("AW" + tag + "-2"))).isEqualTo(people.get(1));
        assertThat(call(customerIn("AW" + tag + "-3"))).isEqualTo(people.get(2));
        call(annasCustomer);

        distribution.markAway(people.get(0), null, clock.today().plusDays(7), "leave", manager);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM work_item WHERE lane = '' AND assignee = :a")
                .param("a", people.get(0)).query(Integer.class).single()).isZero();
        String newHolder = holderOf(annasCustomer);
        assertThat(newHolder).isIn(people.get(1), people.get(2));
        assertThat(timeline.of(annasCustomer)).extracting(TimelineEvent::kind).contains("task-reassigned");
        List<String> whileAway = List.of(call(customerIn("AW" + tag + "-4")), call(customerIn("AW" + tag + "-5")),
                call(customerIn("AW" + tag + "-6")));
        assertThat(whileAway).doesNotContain(people.get(0));
        assertThat(distribution.load(manager)).filteredOn(load -> load.username().equals(people.get(0)))
                .singleElement().satisfies(load -> {
                    assertThat(load.awayToday()).isTrue();
                    assertThat(load.open()).isZero();
                });

        distribution.markBack(people.get(0), manager);

        List<String> afterwards = List.of(call(customerIn("AW" + tag + "-7")), call(customerIn("AW" + tag + "-8")),
                call(customerIn("AW" + tag + "-9")));
        assertThat(afterwards).contains(people.get(0));
        assertThat(jdbc.sql("SELECT kind FROM timeline_event WHERE summary LIKE :who")
                .param("who", people.get(0) + "%").query(String.class).list()).contains("user-away", "user-back");
    }

    @Test
    void anAbsenceThatStartsLaterMovesTheTasksOnItsFirstDay() throws IOException {
        List<String> people = people("a", "b");
        ruleForBuildings("LA" + tag + "-", "round-robin");
        String customer = customerIn("LA" + tag + "-1");
        assertThat(call(customer)).isEqualTo(people.get(0));

        distribution.markAway(people.get(0), clock.today().plusDays(2), null, null, manager);
        assertThat(holderOf(customer)).isEqualTo(people.get(0));

        admin.post("/api/admin/clock", Map.of("advance", "P2D"));

        assertThat(holderOf(customer)).isEqualTo(people.get(1));
    }

    @Test
    void withNobodyOfTheTeamAtWorkATaskStaysAGroupTask() throws IOException {
        List<String> people = people("a");
        ruleForBuildings("NB" + tag + "-", "round-robin");
        String customer = customerIn("NB" + tag + "-1");
        assertThat(call(customer)).isEqualTo(people.get(0));

        distribution.markAway(people.get(0), null, null, "sick", manager);

        assertThat(holderOf(customer)).isNull();
        assertThat(call(customerIn("NB" + tag + "-2"))).isNull();
    }

    @Test
    void aBadRulesFileIsRefusedWithFileAndFieldAndTheLastGoodRulesStay() throws IOException {
        List<String> people = people("a", "b");
        ruleForBuildings("BF" + tag + "-", "round-robin");
        assertThat(call(customerIn("BF" + tag + "-1"))).isEqualTo(people.get(0));

        writeRules("""
                {"rules": [
                  {"tasks": ["callDebtor"], "buildings": ["BF%s-*"], "team": "%s",
                   "strategy": "fastest-first"}
                ]}""".formatted(tag, team));

        Map<String, Object> inForce = Api.as(rest, "analyst").get("/api/assignment-rules");
        assertThat((String) inForce.get("problem")).contains("rules/assignment-rules.json", "line 2",
                "rules[0].strategy", "'fastest-first' is not a strategy");
        assertThat(call(customerIn("BF" + tag + "-2"))).isEqualTo(people.get(1));
        assertThat(distribution.rules().rules()).singleElement()
                .satisfies(rule -> assertThat(rule.strategy()).isEqualTo("round-robin"));
    }

    @Test
    void managersSeeTheLoadPerCollectorAndCollectorsDoNot() throws IOException {
        List<String> people = people("a", "b");
        ruleForBuildings("PG" + tag + "-", "round-robin");
        call(customerIn("PG" + tag + "-1"));
        Api managerApi = Api.as(rest, "manager");

        List<Map<String, Object>> load = managerApi.list("/api/team/load");
        assertThat(load).filteredOn(row -> people.get(0).equals(row.get("username"))).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("open")).isEqualTo(1);
                    assertThat((List<Object>) row.get("groups")).contains("collectors", team);
                    assertThat(row.get("awayToday")).isEqualTo(false);
                });
        ResponseEntity<String> page = rest.withBasicAuth("manager", "manager").getForEntity("/team", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("id=\"collectors\"", people.get(0), "test " + tag);

        assertThat(rest.withBasicAuth("collector", "collector").getForEntity("/api/team/load", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("collector", "collector").getForEntity("/team", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void managersMarkPeopleAwayThroughTheApiAndBadDatesAreRefusedByField() throws IOException {
        List<String> people = people("a");
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        TestRestTemplate asManager = rest.withBasicAuth("manager", "manager");

        ResponseEntity<Map> marked = asManager.exchange("/api/team/absences/" + people.get(0), HttpMethod.PUT,
                new HttpEntity<>(Map.of("until", clock.today().plusDays(3).toString(), "reason", "leave"), json), Map.class);
        ResponseEntity<Map> badDate = asManager.exchange("/api/team/absences/" + people.get(0), HttpMethod.PUT,
                new HttpEntity<>(Map.of("until", "next week"), json), Map.class);
        ResponseEntity<Map> byCollector = rest.withBasicAuth("collector", "collector").exchange(
                "/api/team/absences/" + people.get(0), HttpMethod.PUT, new HttpEntity<>(Map.of(), json), Map.class);

        assertThat(marked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(marked.getBody()).containsEntry("from", clock.today().toString()).containsEntry("markedBy", "manager");
        assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) badDate.getBody().get("detail")).contains("until", "'next week' is not a date");
        assertThat(byCollector.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asManager.exchange("/api/team/absences/" + people.get(0), HttpMethod.DELETE, null, Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
