package dev.dunning.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.answers.AnswerRefusedException.Reason;
import dev.dunning.cases.Cases;
import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.Freezes;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.Debtors.Debtor;
import dev.dunning.support.DunningTest;
import dev.dunning.support.PublishedEvents;

/** What an answer does to the ledger, the case and its plan, whichever way it came. */
@DunningTest
class DebtorAnswersTest {

    private static final String LISTENING_PLAN = "answer-listening-plan";

    @Autowired
    DebtorAnswers answers;
    @Autowired
    Freezes freezes;
    @Autowired
    Cases cases;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    BusinessTime time;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    ApplicationContext context;

    Api admin;
    PublishedEvents events;

    @BeforeEach
    void setUp() {
        admin = Api.as(rest, "admin");
        events = PublishedEvents.recordIn(context);
        repository.createDeployment().name("answer-listening-plan")
                .addClasspathResource("answers/answer-listening-plan.bpmn20.xml")
                .enableDuplicateFiltering().deploy();
    }

    @AfterEach
    void stopRecording() {
        events.close();
    }

    private Debtor onTheStandardPlan(String amount) {
        return Debtors.withOpenCase(admin, "DA", Map.of(), amount, clock.today());
    }

    private Debtor onTheListeningPlan(String amount) {
        return Debtors.withOpenCase(admin, "DL", Map.of("plan", LISTENING_PLAN), amount, clock.today());
    }

    private static DebtorAnswer answer(Debtor debtor, DebtorAction action, LocalDate date, String comment) {
        return new DebtorAnswer(UUID.randomUUID().toString(), debtor.customerId(), debtor.caseId(), action, "email",
                date, comment, "link", null);
    }

    @Test
    void theDatesOfferedComeFromTheCasesPlan() {
        LocalDate today = clock.today();

        AnswerChoices standard = answers.choices(onTheStandardPlan("1000.00").customerId(), null);
        Debtor listening = onTheListeningPlan("1000.00");
        AnswerChoices limited = answers.choices(listening.customerId(), listening.caseId());

        assertThat(standard.payByDefault()).isEqualTo(today.plusDays(7));
        assertThat(standard.payByLatest()).isEqualTo(today.plusDays(14));
        assertThat(standard.postponeLatest()).isEqualTo(today.plusDays(30));
        assertThat(limited.payByDefault()).as("a week is more than the plan's 3 days").isEqualTo(today.plusDays(3));
        assertThat(limited.payByLatest()).isEqualTo(today.plusDays(3));
        assertThat(limited.postponeEarliest()).isEqualTo(today.plusDays(1));
        assertThat(limited.postponeLatest()).isEqualTo(today.plusDays(10));
        assertThat(limited.conditionalDebt()).isEqualByComparingTo("1000.00");
    }

    @Test
    void aPlanThatWaitsForAnswersReceivesTheAnswerAndThePromisedDate() {
        Debtor debtor = onTheListeningPlan("1000.00");
        String processInstanceId = cases.get(debtor.caseId()).processInstanceId();
        LocalDate payBy = clock.today().plusDays(2);

        answers.answer(answer(debtor, DebtorAction.CONFIRM, payBy, null));

        assertThat(runtime.getVariables(processInstanceId))
                .containsEntry(DebtorAnswers.ANSWER_VARIABLE, "confirm")
                .containsEntry(DebtorAnswers.PROMISED_ON_VARIABLE, payBy);
        assertThat(tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey("acknowledgeAnswer")
                .count()).isEqualTo(1);
        assertThat(cases.get(debtor.caseId()).status()).as("the promise took the debt below the minimum")
                .isEqualTo("suspended");
    }

    @Test
    void aPromiseSuspendsTheCaseAndTheDayAfterItsDateUnpaidTheCaseResumes() {
        Debtor debtor = onTheStandardPlan("1000.00");
        LocalDate payBy = clock.today().plusDays(3);

        answers.answer(answer(debtor, DebtorAction.CONFIRM, payBy, null));

        assertThat(Debtors.currentCase(admin, debtor.customerId())).containsEntry("status", "suspended");
        assertThat(admin.get("/api/customers/" + debtor.customerId())).containsEntry("conditionalDebt", 0.0);

        time.moveTo(payBy.atTime(7, 0).atZone(clock.getZone()).toInstant());
        assertThat(Debtors.currentCase(admin, debtor.customerId())).containsEntry("status", "suspended");

        time.moveTo(payBy.plusDays(1).atTime(7, 0).atZone(clock.getZone()).toInstant());
        assertThat(Debtors.currentCase(admin, debtor.customerId())).containsEntry("status", "open");
    }

    @Test
    void anAnswerIsPublishedForOtherFeatures() {
        Debtor debtor = onTheStandardPlan("1000.00");
        DebtorAnswer postpone = answer(debtor, DebtorAction.POSTPONE, clock.today().plusDays(20), null);

        answers.answer(postpone);

        assertThat(events.of(DebtorAnswered.class)).containsExactly(new DebtorAnswered(debtor.customerId(),
                debtor.caseId(), postpone.noticeId(), "postpone", clock.today().plusDays(20), null));
    }

    @Test
    void aLongDisputeIsKeptWholeWhileTheFreezeHoldsWhatItsReasonHasRoomFor() {
        Debtor debtor = onTheStandardPlan("1000.00");
        String comment = "The service was not delivered in January. ".repeat(20).strip();
        DebtorAnswer dispute = answer(debtor, DebtorAction.DISPUTE, null, "  " + comment + "\n");

        answers.answer(dispute);

        Freeze freeze = freezes.active(debtor.customerId()).get(0);
        assertThat(freeze.kind()).isEqualTo("dispute");
        assertThat(freeze.reason()).hasSize(500).endsWith("…").startsWith("The service was not delivered");
        assertThat(jdbc.sql("SELECT comment FROM debtor_answer WHERE notice_id = :id").param("id", dispute.noticeId())
                .query(String.class).single()).isEqualTo(comment);
        assertThat(events.of(DebtorAnswered.class)).singleElement()
                .satisfies(event -> assertThat(event.comment()).isEqualTo(comment));
    }

    @Test
    void aNoticeTakesOneAnswerWhicheverWayItComes() {
        Debtor debtor = onTheStandardPlan("1000.00");
        DebtorAnswer byButton = new DebtorAnswer(UUID.randomUUID().toString(), debtor.customerId(), debtor.caseId(),
                DebtorAction.CONFIRM, "telegram", clock.today().plusDays(7), null, "telegram", null);
        answers.answer(byButton);

        DebtorAnswer byLink = new DebtorAnswer(byButton.noticeId(), debtor.customerId(), debtor.caseId(),
                DebtorAction.DISPUTE, "telegram", null, "Not mine", "link", "token-id");

        assertThatThrownBy(() -> answers.answer(byLink)).isInstanceOfSatisfying(AnswerRefusedException.class,
                refused -> assertThat(refused.reason()).isEqualTo(Reason.ALREADY_ANSWERED));
        assertThat(freezes.active(debtor.customerId())).extracting(Freeze::kind).containsExactly("promise");
        assertThat(answers.answered(byButton.noticeId(), DebtorAction.POSTPONE)).isTrue();
        assertThat(answers.answered(byButton.noticeId(), DebtorAction.UNSUBSCRIBE)).isFalse();
    }

    @Test
    void datesOutsideThePlansLimitsAndDisputesWithoutACommentChangeNothing() {
        Debtor debtor = onTheListeningPlan("1000.00");
        LocalDate today = clock.today();

        List<DebtorAnswer> refused = List.of(
                answer(debtor, DebtorAction.CONFIRM, today.plusDays(4), null),
                answer(debtor, DebtorAction.CONFIRM, today.minusDays(1), null),
                answer(debtor, DebtorAction.CONFIRM, null, null),
                answer(debtor, DebtorAction.POSTPONE, today, null),
                answer(debtor, DebtorAction.POSTPONE, today.plusDays(11), null),
                answer(debtor, DebtorAction.DISPUTE, null, " "),
                answer(debtor, DebtorAction.DISPUTE, null, "x".repeat(1001)));

        assertThat(refused).allSatisfy(each -> assertThatThrownBy(() -> answers.answer(each))
                .isInstanceOf(AnswerRefusedException.class));
        assertThat(freezes.active(debtor.customerId())).isEmpty();
        assertThat(refused).noneSatisfy(each -> assertThat(answers.answered(each.noticeId(), each.action())).isTrue());
    }

    @Test
    void whenNothingIsOwedThereIsNothingToPromise() {
        Debtor debtor = onTheStandardPlan("1000.00");
        Debtors.pay(admin, debtor.customerId(), "1000.00", clock.today());

        assertThatThrownBy(() -> answers.answer(answer(debtor, DebtorAction.CONFIRM, clock.today().plusDays(2), null)))
                .isInstanceOfSatisfying(AnswerRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.NOTHING_OWED));
    }
}
