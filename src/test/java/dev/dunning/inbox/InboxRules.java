package dev.dunning.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.UserDetailsManager;

import dev.dunning.clock.BusinessClock;
import dev.dunning.security.Roles;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;

/**
 * The inbox holds exactly the engine's open tasks, in the order that gets debts paid, for the people who work them.
 * Run on H2 ({@link InboxTest}) and PostgreSQL ({@link InboxPostgresTest}).
 */
abstract class InboxRules {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Inbox inbox;
    @Autowired
    TaskService tasks;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsManager users;
    @Autowired
    PasswordEncoder passwords;

    Api admin;
    Inbox.Worker collector;
    Inbox.Worker otherCollector;
    Inbox.Worker manager;

    @BeforeEach
    void setUp() {
        admin = Api.as(rest, "admin");
        if (!users.userExists("boris")) {
            users.createUser(User.withUsername("boris").password(passwords.encode("boris")).roles(Roles.COLLECTOR).build());
        }
        collector = inbox.worker("collector", Set.of(Roles.COLLECTOR));
        otherCollector = inbox.worker("boris", Set.of(Roles.COLLECTOR));
        manager = inbox.worker("manager", Set.of(Roles.MANAGER));
    }

    /** Three debtors who reached the call step together, owing the given amounts. */
    private List<Debtors.Debtor> debtorsToCall(String... amounts) {
        String prefix = "INB" + UUID.randomUUID().toString().substring(0, 4);
        List<Debtors.Debtor> debtors = java.util.Arrays.stream(amounts)
                .map(amount -> Debtors.withOpenCase(admin, prefix, Map.of(), amount, clock.today())).toList();
        admin.post("/api/admin/clock", Map.of("advance", "P12D"));
        // The shared clock's time of day depends on the tests before (the digest's 07:30, ...): a call that falls
        // outside the day's contact hours comes the next morning, so give it up to three more days.
        for (int day = 0; day < 3 && debtors.stream().anyMatch(debtor -> callOf(debtor, collector) == null); day++) {
            admin.post("/api/admin/clock", Map.of("advance", "P1D"));
        }
        return debtors;
    }

    private TaskView callOf(Debtors.Debtor debtor, Inbox.Worker worker) {
        return inbox.page(worker, new InboxQuery(InboxQuery.Scope.MINE, "callDebtor", debtor.customerId(), null, null,
                null, null, null, false, 0, 10)).tasks().stream().findFirst().orElse(null);
    }

    @Test
    void aCallTaskWaitsForEveryCollectorWithTheDebtAndTheCustomersName() {
        Debtors.Debtor debtor = debtorsToCall("1234.50").get(0);

        TaskView call = callOf(debtor, collector);

        assertThat(call).isNotNull();
        assertThat(call.caseId()).isEqualTo(debtor.caseId());
        assertThat(call.customerName()).isEqualTo("Anna Debtor");
        assertThat(call.amount()).isEqualByComparingTo("1234.50");
        assertThat(call.stage()).isEqualTo("call");
        assertThat(call.assignee()).isNull();
        assertThat(callOf(debtor, otherCollector)).isNotNull();
        assertThat(callOf(debtor, inbox.worker("lawyer", Set.of(Roles.LAWYER)))).isNull();
    }

    @Test
    void aClaimedTaskLeavesTheOtherCollectorsInboxAndComesBackWhenReleased() {
        Debtors.Debtor debtor = debtorsToCall("800.00").get(0);
        TaskView call = callOf(debtor, collector);

        inbox.claim(call.id(), collector);

        assertThat(callOf(debtor, collector).assignee()).isEqualTo("collector");
        assertThat(callOf(debtor, otherCollector)).isNull();
        assertThatThrownBy(() -> inbox.complete(call.id(), Map.of("callOutcome", "refused"), otherCollector))
                .isInstanceOf(java.util.NoSuchElementException.class);
        assertThatThrownBy(() -> inbox.claim(call.id(), otherCollector)).isInstanceOf(java.util.NoSuchElementException.class);

        inbox.unclaim(call.id(), collector);

        assertThat(callOf(debtor, otherCollector).assignee()).isNull();
        assertThat(timelineKinds(debtor)).contains("task-claimed", "task-released");
    }

    @Test
    void smallerDebtsComeFirstAndAPaymentMovesATaskToItsNewPlace() {
        List<Debtors.Debtor> debtors = debtorsToCall("5000.00", "900.00", "2500.00");
        String prefix = debtors.get(0).customerId().substring(0, 7);

        assertThat(customersInOrder(prefix)).containsExactly(debtors.get(1).customerId(), debtors.get(2).customerId(),
                debtors.get(0).customerId());

        Debtors.pay(admin, debtors.get(0).customerId(), "4500.00", clock.today());

        assertThat(customersInOrder(prefix)).containsExactly(debtors.get(0).customerId(), debtors.get(1).customerId(),
                debtors.get(2).customerId());
        assertThat(callOf(debtors.get(0), collector).amount()).isEqualByComparingTo("500.00");
    }

    private List<String> customersInOrder(String prefix) {
        return inbox.page(collector, new InboxQuery(InboxQuery.Scope.MINE, "callDebtor", prefix, null, null, null, null,
                InboxQuery.Sort.PRIORITY, false, 0, 50)).tasks().stream().map(TaskView::customerId)
                .filter(id -> id.startsWith(prefix)).toList();
    }

    @Test
    void aSuspendedCasesTaskWaitsOutOfSightAndAPaidCasesTaskIsGone() {
        Debtors.Debtor debtor = debtorsToCall("1500.00").get(0);
        assertThat(callOf(debtor, collector)).isNotNull();

        Map<String, Object> freeze = admin.post("/api/customers/" + debtor.customerId() + "/freezes",
                Map.of("kind", "dispute", "amount", "1500.00", "reason", "says the meter was wrong"));
        assertThat(callOf(debtor, collector)).isNull();

        rest.withBasicAuth("admin", "admin").delete("/api/customers/" + debtor.customerId() + "/freezes/" + freeze.get("freezeId"));
        assertThat(callOf(debtor, collector)).isNotNull();

        Debtors.pay(admin, debtor.customerId(), "1500.00", clock.today());
        assertThat(callOf(debtor, collector)).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM work_item WHERE customer_id = :c").param("c", debtor.customerId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theInboxHoldsExactlyTheEnginesOpenTasks() {
        debtorsToCall("700.00", "750.00");

        List<String> engine = tasks.createTaskQuery().list().stream().map(Task::getId).sorted().toList();
        List<String> inboxRows = jdbc.sql("SELECT task_id FROM work_item WHERE lane = '' ORDER BY task_id")
                .query(String.class).list();

        assertThat(inboxRows).containsExactlyInAnyOrderElementsOf(engine);
    }

    @Test
    void managersHandTasksToOthersAndSeeTheLoad() {
        Debtors.Debtor debtor = debtorsToCall("950.00").get(0);
        TaskView call = callOf(debtor, collector);

        inbox.reassign(call.id(), "boris", "Anna is on leave", manager);

        assertThat(callOf(debtor, otherCollector).assignee()).isEqualTo("boris");
        assertThat(callOf(debtor, collector)).isNull();
        assertThat(inbox.workload(manager)).anySatisfy(load -> {
            assertThat(load.assignee()).isEqualTo("boris");
            assertThat(load.open()).isPositive();
        });
        assertThatThrownBy(() -> inbox.reassign(call.id(), "collector", null, collector))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> inbox.reassign(call.id(), "nobody-" + UUID.randomUUID(), null, manager))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an active user");
        assertThat(timelineKinds(debtor)).contains("task-reassigned");
    }

    @Test
    void aFollowUpTimeIsKeptInBusinessTime() {
        Debtors.Debtor debtor = debtorsToCall("650.00").get(0);
        TaskView call = callOf(debtor, collector);
        var at = clock.now().plus(java.time.Duration.ofHours(3));

        inbox.followUp(call.id(), at, collector);

        assertThat(callOf(debtor, collector).followUpAt()).isEqualTo(at);
        assertThatThrownBy(() -> inbox.followUp(call.id(), clock.now().minusSeconds(60), collector))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in the past");
    }

    @Test
    void aCustomerIsFoundByTheStartOfTheirNameWithWildcardsTakenLiterally() {
        Debtors.Debtor debtor = debtorsToCall("610.00").get(0);

        assertThat(inbox.page(collector, new InboxQuery(InboxQuery.Scope.MINE, null, "anna deb", null, null, null, null,
                null, false, 0, 200)).tasks()).extracting(TaskView::customerId).contains(debtor.customerId());
        assertThat(inbox.page(collector, new InboxQuery(InboxQuery.Scope.MINE, null, "%", null, null, null, null,
                null, false, 0, 200)).tasks()).isEmpty();
        assertThat(inbox.page(collector, new InboxQuery(InboxQuery.Scope.MINE, null, null, new BigDecimal("609"),
                new BigDecimal("611"), null, null, null, false, 0, 200)).tasks()).extracting(TaskView::customerId)
                .contains(debtor.customerId());
    }

    @Test
    void aTaskMadeOutsideAPlanShowsItsCustomerToItsGroup() {
        Debtors.Debtor debtor = Debtors.withOpenCase(admin, "ALONE", Map.of(), "820.00", clock.today());
        Task task = tasks.createTaskBuilder().name("Review something").taskDefinitionKey("reviewSomething").create();
        tasks.addCandidateGroup(task.getId(), "managers");
        tasks.setVariablesLocal(task.getId(), Map.of("customerId", debtor.customerId(), "caseId", debtor.caseId()));

        TaskView review = inbox.page(manager, new InboxQuery(InboxQuery.Scope.MINE, "reviewSomething",
                debtor.customerId(), null, null, null, null, null, false, 0, 10)).tasks().stream().findFirst().orElseThrow();

        assertThat(review.caseId()).isEqualTo(debtor.caseId());
        assertThat(review.amount()).isEqualByComparingTo("820.00");
        tasks.deleteTask(task.getId(), true);
    }

    @Test
    void onlyManagersAndAdminsLookAtEveryOpenTask() {
        assertThatThrownBy(() -> inbox.page(collector, InboxQuery.all(10))).isInstanceOf(AccessDeniedException.class);
        assertThat(inbox.page(manager, InboxQuery.all(10)).tasks()).isNotNull();
    }

    private List<String> timelineKinds(Debtors.Debtor debtor) {
        return jdbc.sql("SELECT kind FROM timeline_event WHERE customer_id = :c ORDER BY event_id")
                .param("c", debtor.customerId()).query(String.class).list();
    }
}
