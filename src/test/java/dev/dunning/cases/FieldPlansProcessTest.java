package dev.dunning.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.IntermediateCatchEvent;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.support.LocalMailServer;

/**
 * The example plans from the field run through weeks of business time, with email (a local mail server) and
 * letters by post switched on, so that each notice's channel is the one a real deployment would use: utilities for
 * individuals (reminders, call, claim, written notice, restriction 20 days later), businesses on a payment schedule
 * (before the due date: messenger, call, reminder on the day; after it: calls, the claim after repeated "no money
 * now", the lawyer) and the public sector's flasher plan (polite reminders every 10 days, never restricted).
 * A group {@code b2b-schedule} is configured here with both of its plans; the others use a customer's own plan.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-field-plans;DB_CLOSE_DELAY=-1",
        "dunning.notify.letter.enabled=true",
        "dunning.notify.letter.batch-folder=target/letters-field-plans",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1",
        "dunning.groups.b2b-schedule.master-plan=b2b-schedule",
        "dunning.groups.b2b-schedule.upcoming-plan=b2b-schedule-upcoming",
        "dunning.contact.groups.b2b-schedule.preset=office-hours"})
class FieldPlansProcessTest {

    @RegisterExtension
    static final LocalMailServer SMTP = new LocalMailServer();

    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.port", SMTP::port);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    RepositoryService repository;
    @Autowired
    PlanCatalog plans;
    @Autowired
    JdbcClient jdbc;

    // Utilities for individuals

    @Test
    void utilitiesRemindTwiceCallClaimThenPostTheWrittenNoticeAndRestrictOnlyTwentyDaysLater() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "4200.00");
        LocalDate opened = plan.today();
        assertThat(plan.currentCase()).containsEntry("plan", "utilities-individual").containsEntry("stage", "reminder");

        plan.advance(Duration.ofDays(12));
        assertThat(plan.currentCase()).containsEntry("stage", "call");
        plan.call("refused");
        assertThat(plan.currentCase()).containsEntry("stage", "pretrial");

        plan.advance(Duration.ofDays(10));
        assertThat(plan.taskOf(plan.manager, "restrictService")).as("the written notice has just gone").isNull();
        plan.advance(Duration.ofDays(19));
        assertThat(plan.taskOf(plan.manager, "restrictService")).as("19 days after the written notice").isNull();
        assertThat(plan.currentCase()).containsEntry("stage", "pretrial");

        plan.advance(Duration.ofDays(1));
        Map<String, Object> restriction = plan.taskOf(plan.manager, "restrictService");
        assertThat(restriction).as("20 days after the written notice").isNotNull();
        assertThat(plan.taskOf(plan.collector, "restrictService")).as("collectors do not restrict").isNull();
        assertThat(plan.currentCase()).containsEntry("stage", "restriction");

        assertThat(days(plan, opened)).containsExactlyInAnyOrder(
                "day 0: first-reminder by email (sendFirstReminder)",
                "day 7: second-reminder by email (sendSecondReminder)",
                "day 12: pretrial-claim by email (sendPretrialClaim)",
                "day 12: pretrial-claim by letter (sendPretrialLetter)",
                "day 22: restriction-warning by letter (postRestrictionNotice)",
                "day 22: restriction-warning by email (emailRestrictionNotice)");

        plan.complete(plan.manager, restriction, Map.of("restrictionOutcome", "restricted"));
        assertThat(plan.timeline("service-restricted")).singleElement().asString()
                .contains("service restricted in the billing system by manager");
        plan.advance(Duration.ofDays(30));
        assertThat(plan.currentCase()).containsEntry("stage", "legal");
        assertThat(plan.legalTask()).isNotNull();
    }

    @Test
    void payingAfterTheRestrictionThanksTheDebtorAndAsksTheManagersToRestoreTheService() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "1800.00");
        plan.advance(Duration.ofDays(12));
        plan.call("refused");
        plan.advance(Duration.ofDays(30));
        plan.complete(plan.manager, plan.taskOf(plan.manager, "restrictService"), Map.of("restrictionOutcome", "restricted"));
        plan.advance(Duration.ofDays(3));

        plan.pay("1800.00");

        assertThat(plan.currentCase()).containsEntry("status", "settled");
        assertThat(plan.noticeTemplates()).first().isEqualTo("thank-you");
        Map<String, Object> restore = plan.taskOf(plan.manager, "restoreService");
        assertThat(restore).isNotNull();
        plan.complete(plan.manager, restore, Map.of("restorationOutcome", "restored"));
        assertThat(plan.timeline("service-restored")).singleElement().asString()
                .contains("service restored in the billing system by manager");
        assertThat(plan.taskOf(plan.manager, "restoreService")).isNull();
    }

    @Test
    void aServiceThatCannotBeRestrictedGoesToTheLawyerAtOnceWithTheReasonOnTheTimeline() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "3000.00");
        plan.advance(Duration.ofDays(12));
        plan.call("wrong-number");
        plan.advance(Duration.ofDays(30));

        var form = plan.tryToComplete(plan.manager, plan.taskOf(plan.manager, "restrictService"),
                Map.of("restrictionOutcome", "not-possible"));
        assertThat(form.getStatusCode().value()).as("the reason is required").isEqualTo(422);
        plan.complete(plan.manager, plan.taskOf(plan.manager, "restrictService"),
                Map.of("restrictionOutcome", "not-possible", "restrictionReason", "a shared riser feeds the flat"));

        assertThat(plan.timeline("service-not-restricted")).singleElement().asString()
                .contains("a shared riser feeds the flat");
        assertThat(plan.currentCase()).containsEntry("stage", "legal");
    }

    @Test
    void payingWhileTheWrittenNoticeRunsSettlesTheCaseThanksTheDebtorAndNothingIsRestricted() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "2500.00");
        plan.advance(Duration.ofDays(12));
        plan.call("refused");
        plan.advance(Duration.ofDays(15));

        plan.pay("2500.00");

        assertThat(plan.currentCase()).containsEntry("status", "settled");
        assertThat(plan.noticeTemplates()).first().isEqualTo("thank-you");
        plan.advance(Duration.ofDays(30));
        assertThat(plan.taskOf(plan.manager, "restrictService")).isNull();
        assertThat(plan.taskOf(plan.manager, "restoreService")).as("nothing was restricted").isNull();
        assertThat(plan.noticeTemplates()).first().isEqualTo("thank-you");
    }

    @Test
    void aDebtorWithoutAPostalAddressGetsNoWrittenNoticeAndIsNeverRestrictedTheLawyerTakesTheCase() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "3500.00");
        assertThat(plan.admin.importCsv("customers", """
                customer_id,name,group,plan,email,locale,address
                %s,Test Debtor,individual,utilities-individual,debtor-%s@example.org,en,
                """.formatted(plan.customer, plan.customer))).containsEntry("accepted", 1);
        plan.advance(Duration.ofDays(12));
        plan.call("refused");

        plan.advance(Duration.ofDays(10));

        assertThat(plan.currentCase()).containsEntry("stage", "legal");
        assertThat(plan.legalTask()).isNotNull();
        plan.advance(Duration.ofDays(20));
        assertThat(plan.taskOf(plan.manager, "restrictService")).isNull();
    }

    @Test
    void theRestrictionStepIsReachableOnlyThroughThePostedNoticeAndItsTwentyDays() {
        BpmnModel model = model("utilities-individual");
        UserTask restrict = (UserTask) model.getFlowElement("restrictService");
        assertThat(restrict.getFormKey()).isEqualTo("restrict-service");
        assertThat(restrict.getCandidateGroups()).containsExactly("managers");
        assertThat(plans.latest("utilities-individual").orElseThrow().stages())
                .containsEntry("restrictService", "restriction").containsEntry("caseOpened", "reminder");
        assertThat(timerOf(model, "waitBeforeRestriction")).isEqualTo("P20D");
        assertThat(((ServiceTask) model.getFlowElement("postRestrictionNotice")).getImplementation())
                .contains("'restriction-warning', 'letter'");

        for (String step : List.of("postRestrictionNotice", "waitBeforeRestriction")) {
            assertThat(reachableWithout(model, step)).as("without " + step).doesNotContain("restrictService");
        }
        assertThat(reachableWithout(model, "recordPromise")).as("a step off the only way").contains("restrictService");
    }

    // Businesses on a payment schedule

    @Test
    void beforeTheDueDateTheBusinessGetsAMessengerReminderAWeekAheadACallThreeDaysAheadAndAReminderOnTheDay() {
        PlanCase plan = PlanCase.customer(rest, time, clock, "b2b-schedule", null);
        LocalDate dueOn = plan.today().plusDays(7);
        plan.owe("60000.00", dueOn);
        plan.admin.post("/api/admin/evaluate", Map.of());

        plan.moveTo(dueOn.minusDays(7), 11);
        plan.moveTo(dueOn.minusDays(3), 9);
        assertThat(plan.taskOf(plan.collector, "callBeforeDueDate")).as("before 10:00").isNull();
        plan.moveTo(dueOn.minusDays(3), 11);
        Map<String, Object> call = plan.taskOf(plan.collector, "callBeforeDueDate");
        assertThat(call).isNotNull().containsEntry("customerId", plan.customer)
                .as("a reminder before the due date is no case").doesNotContainKey("caseId");
        plan.complete(plan.collector, call, Map.of("callOutcome", "will-pay", "note", "accountant confirms the run"));
        assertThat(plan.timeline("reminder-call")).singleElement().asString()
                .contains("due on " + dueOn).contains("will pay on time").contains("accountant confirms the run");
        assertThat(jdbc.sql("SELECT kind FROM contact_event WHERE customer_id = :id").param("id", plan.customer)
                .query(String.class).list()).as("the call counts for the contact rules, and it reached the accountant")
                .contains("CALL", "CONVERSATION");

        plan.moveTo(dueOn, 11);
        assertThat(days(plan, dueOn)).containsExactlyInAnyOrder(
                "day -7: upcoming-payment by email (null)",
                "day 0: payment-due-today by email (null)");
        assertThat(plan.customerView()).as("not overdue yet: no case").doesNotContainKey("case");
    }

    @Test
    void afterTheDueDateRepeatedNoMoneyBringsTheClaimAndThirtyDaysLaterTheLawyer() {
        PlanCase plan = PlanCase.customer(rest, time, clock, "b2b-schedule", null);
        LocalDate dueOn = plan.today().plusDays(5);
        plan.owe("80000.00", dueOn);
        plan.admin.post("/api/admin/evaluate", Map.of());
        plan.moveTo(dueOn.minusDays(3), 11);
        plan.complete(plan.collector, plan.taskOf(plan.collector, "callBeforeDueDate"), Map.of("callOutcome", "no-answer"));

        plan.moveTo(dueOn.plusDays(3), 7);
        assertThat(plan.customerView()).as("3 days of grace").doesNotContainKey("case");
        plan.moveTo(dueOn.plusDays(4), 7);
        assertThat(plan.currentCase()).containsEntry("plan", "b2b-schedule").containsEntry("stage", "call");
        assertThat(plan.callTask()).as("the case begins with a call").isNotNull();

        plan.call("no-money");
        assertThat(plan.callTask()).isNull();
        plan.advance(Duration.ofDays(7));
        assertThat(plan.currentCase()).as("once is not enough").containsEntry("stage", "call");
        plan.call("no-money");

        assertThat(plan.currentCase()).as("twice within 30 days").containsEntry("stage", "pretrial");
        assertThat(days(plan, dueOn)).contains("day 11: pretrial-claim by email (sendPretrialClaim)",
                "day 11: pretrial-claim by letter (sendPretrialLetter)");
        plan.advance(Duration.ofDays(30));
        assertThat(plan.currentCase()).containsEntry("stage", "legal");
        assertThat(plan.legalTask()).isNotNull();
    }

    @Test
    void aBusinessThatPaysDuringTheCallsIsThankedWithTheNextInstallmentsDate() {
        PlanCase plan = PlanCase.customer(rest, time, clock, "b2b-schedule", null);
        LocalDate dueOn = plan.today().minusDays(10);
        plan.owe("20000.00", dueOn);
        LocalDate nextDueOn = plan.today().plusDays(25);
        plan.owe("20000.00", nextDueOn);
        plan.admin.post("/api/admin/evaluate", Map.of());
        plan.advance(Duration.ofMinutes(1));
        plan.call("no-money");

        plan.pay("20000.00");

        assertThat(plan.currentCase()).containsEntry("status", "settled");
        Map<String, Object> thanks = plan.notices().get(plan.notices().size() - 1);
        assertThat(thanks).containsEntry("template", "thank-you").containsEntry("channel", "email");
        assertThat((String) thanks.get("body")).contains("20,000.00");
        plan.advance(Duration.ofDays(7));
        assertThat(plan.callTask()).isNull();
    }

    // Public bodies: the flasher plan

    @Test
    void aPublicBodyGetsAPoliteReminderEveryTenDaysFourTimesThenACallAndIsNeverRestricted() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "public", "public-flasher", "150000.00");
        LocalDate opened = plan.today();

        plan.advance(Duration.ofDays(39));
        assertThat(plan.callTask()).as("still reminding").isNull();
        plan.advance(Duration.ofDays(1));
        assertThat(plan.currentCase()).containsEntry("stage", "call");
        assertThat(days(plan, opened)).containsExactly(
                "day 0: polite-reminder by email (sendPoliteReminder)",
                "day 10: polite-reminder by email (sendPoliteReminder)",
                "day 20: polite-reminder by email (sendPoliteReminder)",
                "day 30: polite-reminder by email (sendPoliteReminder)");

        plan.call("refused");
        plan.advance(Duration.ofDays(30));
        assertThat(plan.currentCase()).containsEntry("stage", "legal");
        assertThat(plan.taskOf(plan.manager, "restrictService")).isNull();
    }

    @Test
    void aPublicBodyThatPaysBetweenTwoRemindersIsThankedAndRemindedNoMore() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "public", "public-flasher", "9000.00");
        plan.advance(Duration.ofDays(15));

        plan.pay("9000.00");

        assertThat(plan.currentCase()).containsEntry("status", "settled");
        plan.advance(Duration.ofDays(30));
        assertThat(plan.noticeTemplates()).containsExactly("thank-you", "polite-reminder", "polite-reminder");
    }

    @Test
    void theFlasherPlanSaysItIsNeverRestrictedAndHasNoRestrictionStep() {
        BpmnModel model = model("public-flasher");

        assertThat(model.getMainProcess().getAttributeValue("https://dunning.dev/bpmn", "neverRestrict")).isEqualTo("true");
        assertThat(plans.latest("public-flasher").orElseThrow().stages()).doesNotContainValue("restriction");
        for (FlowElement element : model.getMainProcess().findFlowElementsOfType(FlowElement.class, true)) {
            if (element instanceof UserTask task) {
                assertThat(task.getFormKey()).as(task.getId()).isNotEqualTo("restrict-service");
            }
            if (element instanceof ServiceTask task) {
                assertThat(task.getImplementation()).as(task.getId()).doesNotContain("plan.restrict");
            }
        }
    }

    @Test
    void everyFieldPlanHasAStartStageAndADiagramTheModelerCanDraw() {
        for (String key : List.of("utilities-individual", "b2b-schedule", "public-flasher", "b2b-schedule-upcoming")) {
            BpmnModel model = model(key);
            for (FlowElement element : model.getMainProcess().findFlowElementsOfType(FlowElement.class, true)) {
                if (element instanceof SequenceFlow) {
                    assertThat(model.getFlowLocationGraphicInfo(element.getId())).as(key + " " + element.getId()).isNotEmpty();
                } else {
                    assertThat(model.getGraphicInfo(element.getId())).as(key + " " + element.getId()).isNotNull();
                }
            }
        }
        for (String key : List.of("utilities-individual", "b2b-schedule", "public-flasher")) {
            assertThat(plans.latest(key).orElseThrow().initialStage()).as(key).isNotNull();
        }
        assertThat(plans.latestUpcoming("b2b-schedule-upcoming").orElseThrow().remindDaysBefore()).containsExactly(7, 3, 0);
    }

    /** Each notice as "day N: template by channel (step)", N counted in days from {@code from}. */
    private static List<String> days(PlanCase plan, LocalDate from) {
        List<String> days = new ArrayList<>();
        for (Map<String, Object> notice : plan.notices()) {
            LocalDate on = Instant.parse((String) notice.get("createdAt")).atZone(java.time.ZoneOffset.UTC).toLocalDate();
            days.add("day " + ChronoUnit.DAYS.between(from, on) + ": " + notice.get("template") + " by "
                    + notice.get("channel") + " (" + notice.get("step") + ")");
        }
        return days;
    }

    private BpmnModel model(String key) {
        return repository.getBpmnModel(repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult().getId());
    }

    private static String timerOf(BpmnModel model, String eventId) {
        IntermediateCatchEvent event = (IntermediateCatchEvent) model.getFlowElement(eventId);
        return ((TimerEventDefinition) event.getEventDefinitions().get(0)).getTimeDuration();
    }

    /** The activities reachable from the start event when {@code removed} is taken out of the plan. */
    private static Set<String> reachableWithout(BpmnModel model, String removed) {
        Set<String> seen = new HashSet<>();
        List<FlowNode> todo = new ArrayList<>(model.getMainProcess().findFlowElementsOfType(StartEvent.class, false));
        while (!todo.isEmpty()) {
            FlowNode node = todo.remove(todo.size() - 1);
            if (node.getId().equals(removed) || !seen.add(node.getId())) {
                continue;
            }
            node.getOutgoingFlows().forEach(flow -> todo.add((FlowNode) model.getFlowElement(flow.getTargetRef())));
        }
        return seen;
    }
}
