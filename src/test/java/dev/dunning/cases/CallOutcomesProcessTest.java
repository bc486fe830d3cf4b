package dev.dunning.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.DunningTest;

/**
 * What the shipped plans do with each outcome of a collector's call, in business time: the individuals' plan
 * calls 12 days after the case opens.
 */
@DunningTest
class CallOutcomesProcessTest {

    private static final Duration UNTIL_THE_CALL = Duration.ofDays(12);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;

    @Test
    void anUnansweredCallIsTriedAgainInHalfAnHourASecondMissTheNextDayAndTheThirdMissBringsTheClaim() {
        PlanCase plan = individualCase("800.00");
        plan.advance(UNTIL_THE_CALL);

        plan.call("no-answer");
        assertThat(plan.callTask()).as("no new call at once").isNull();
        plan.advance(Duration.ofMinutes(29));
        assertThat(plan.callTask()).isNull();
        plan.advance(Duration.ofMinutes(1));
        assertThat(plan.callTask()).as("a new call 30 minutes later").isNotNull();

        plan.call("no-answer");
        plan.advance(Duration.ofHours(23));
        assertThat(plan.callTask()).as("missed twice today: not again today").isNull();
        plan.advance(Duration.ofHours(1));
        assertThat(plan.callTask()).as("the next day").isNotNull();
        assertThat(plan.currentCase()).containsEntry("stage", "call");

        plan.call("no-answer");

        assertThat(plan.currentCase()).containsEntry("stage", "pretrial");
        assertThat(plan.noticeTemplates()).first().isEqualTo("pretrial-claim");
        assertThat(plan.timeline("call-outcome")).containsExactly("no answer (1 missed call)",
                "no answer (2 missed calls in a row)", "no answer (3 missed calls in a row)");
    }

    @Test
    void reachingTheDebtorStartsTheCountOfMissedCallsAfresh() {
        PlanCase plan = individualCase("800.00");
        plan.advance(UNTIL_THE_CALL);
        plan.call("no-answer");
        plan.advance(Duration.ofMinutes(30));
        plan.call("no-answer");
        plan.advance(Duration.ofDays(1));

        plan.call("no-money");
        plan.advance(Duration.ofDays(3));
        plan.call("no-answer");

        assertThat(plan.currentCase()).containsEntry("stage", "call");
        assertThat(plan.timeline("call-outcome")).last().isEqualTo("no answer (1 missed call)");
        plan.advance(Duration.ofMinutes(30));
        assertThat(plan.callTask()).isNotNull();
    }

    @Test
    void noMoneyNowBringsANewCallInThreeDaysAndTheThirdTimeWithinTwoWeeksThePretrialClaim() {
        PlanCase plan = individualCase("1500.00");
        plan.advance(UNTIL_THE_CALL);
        LocalDate first = clock.today();

        plan.call("no-money");
        plan.advance(Duration.ofDays(2));
        assertThat(plan.callTask()).isNull();
        plan.advance(Duration.ofDays(1));
        plan.call("no-money");
        plan.advance(Duration.ofDays(3));
        assertThat(plan.currentCase()).containsEntry("stage", "call");

        plan.call("no-money");

        assertThat(plan.currentCase()).containsEntry("stage", "pretrial");
        assertThat(plan.noticeTemplates()).first().isEqualTo("pretrial-claim");
        assertThat(plan.timeline("call-outcome")).last()
                .isEqualTo("reached: no money now (said so before on " + first + ", " + first.plusDays(3) + ")");
    }

    @Test
    void noMoneyThreeTimesIsCountedInASlidingWindowSoTheFirstOf15DaysAgoNoLongerCounts() {
        PlanCase plan = individualCase("1500.00");
        plan.advance(UNTIL_THE_CALL);
        plan.call("no-money");
        plan.advance(Duration.ofDays(3));
        plan.call("no-money");
        plan.advance(Duration.ofDays(3));
        assertThat(plan.callTask()).isNotNull();

        plan.advance(Duration.ofDays(9)); // the collector gets to the call 15 days after the first "no money"
        plan.call("no-money");

        assertThat(plan.currentCase()).as("twice within the last two weeks").containsEntry("stage", "call");
        assertThat(plan.callTask()).isNull();
        plan.advance(Duration.ofDays(3));
        assertThat(plan.callTask()).isNotNull();
        assertThat(plan.noticeTemplates()).doesNotContain("pretrial-claim");
    }

    @Test
    void aDisputeOfTheWholeDebtFreezesItSuspendsTheCaseAndARejectionByAManagerLetsThePlanGoOn() {
        PlanCase plan = individualCase("2000.00");
        plan.advance(UNTIL_THE_CALL);

        plan.call("disputes", "disputeReason", "the meter was replaced in January");

        assertThat(plan.currentCase()).containsEntry("status", "suspended");
        assertThat(plan.frozen("dispute")).isEqualByComparingTo("2000.00");
        assertThat(plan.customerView()).containsEntry("conditionalDebt", 0.0);
        assertThat(plan.timeline("call-outcome")).containsExactly(
                "reached: disputes the whole debt: the meter was replaced in January");
        assertThat(plan.timeline("review-requested")).singleElement().asString()
                .startsWith("managers asked to review the dispute of 2000.00");
        Map<String, Object> review = plan.taskOf(plan.manager, "reviewDispute");
        assertThat(review).as("the managers' review, outside the suspended plan").isNotNull()
                .containsEntry("caseId", plan.currentCase().get("id"));
        assertThat(plan.taskOf(plan.collector, "reviewDispute")).isNull();

        plan.advance(Duration.ofDays(5));
        assertThat(plan.callTask()).as("the suspended plan waits").isNull();

        plan.complete(plan.manager, review, Map.of("disputeDecision", "reject", "note", "the meter readings are right"));

        assertThat(plan.currentCase()).containsEntry("status", "open").containsEntry("stage", "call");
        assertThat(plan.frozen("dispute")).isEqualByComparingTo("0.00");
        assertThat(plan.timeline("dispute-rejected")).containsExactly(
                "dispute of 2000.00 rejected: the freeze is lifted and the plan goes on: the meter readings are right");
        assertThat(plan.callTask()).as("the plan's wait ran out while suspended: the collector calls again").isNotNull();
        assertThat(plan.taskOf(plan.manager, "reviewDispute")).isNull();
    }

    @Test
    void anAcceptedDisputeStaysFrozenUntilTheManagersDateAndThenTheCaseGoesOn() {
        PlanCase plan = individualCase("2000.00");
        plan.advance(UNTIL_THE_CALL);
        plan.call("disputes", "disputeReason", "billed twice for February");
        LocalDate until = clock.today().plusDays(10);

        plan.complete(plan.manager, plan.taskOf(plan.manager, "reviewDispute"),
                Map.of("disputeDecision", "accept", "frozenUntil", until.toString()));

        assertThat(plan.currentCase()).containsEntry("status", "suspended");
        assertThat(plan.frozen("dispute")).isEqualByComparingTo("2000.00");
        assertThat(plan.timeline("dispute-accepted")).containsExactly(
                "dispute of 2000.00 accepted: frozen until " + until + ", then the case goes on with what is still owed");
        plan.advance(Duration.ofDays(10));
        assertThat(plan.currentCase()).containsEntry("status", "suspended");

        plan.advance(Duration.ofDays(1));

        assertThat(plan.currentCase()).containsEntry("status", "open");
        assertThat(plan.callTask()).isNotNull();
    }

    @Test
    void aDisputeOfPartOfTheDebtFreezesThatPartAndTheRestIsStillWorked() {
        PlanCase plan = individualCase("2000.00");
        plan.advance(UNTIL_THE_CALL);

        plan.call("disputes", "disputedAmount", "500.00", "disputeReason", "one invoice is not ours");

        assertThat(plan.currentCase()).containsEntry("status", "open");
        assertThat(plan.frozen("dispute")).isEqualByComparingTo("500.00");
        assertThat(plan.customerView()).containsEntry("conditionalDebt", 1500.0);
        assertThat(plan.taskOf(plan.manager, "reviewDispute")).isNotNull();
        plan.advance(Duration.ofDays(3));
        assertThat(plan.callTask()).isNotNull();
    }

    @Test
    void aDisputeNeedsAReason() {
        PlanCase plan = individualCase("2000.00");
        plan.advance(UNTIL_THE_CALL);

        var response = plan.tryToComplete(plan.collector, plan.callTask(), Map.of("callOutcome", "disputes"));

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(String.valueOf(response.getBody().get("errors"))).contains("disputeReason");
    }

    @Test
    void aWrongNumberIsOnTheTimelineAndThePlanWritesTheClaimInsteadOfCalling() {
        PlanCase plan = individualCase("900.00");
        plan.advance(UNTIL_THE_CALL);

        plan.call("wrong-number");

        assertThat(plan.timeline("call-outcome"))
                .containsExactly("wrong number: the debtor cannot be called on the number on file");
        assertThat(plan.currentCase()).containsEntry("stage", "pretrial");
        assertThat(plan.noticeTemplates()).first().isEqualTo("pretrial-claim");
        assertThat(plan.callTask()).isNull();
    }

    @Test
    void aPromiseForgottenAtTheNextCallDoesNotLendItsAmountToALaterPromise() {
        PlanCase plan = individualCase("2000.00");
        plan.advance(UNTIL_THE_CALL);
        plan.call("promised", "promisedOn", clock.today().plusDays(2).toString(), "promisedAmount", "500.00");
        plan.pay("500.00");
        plan.advance(Duration.ofDays(3));
        assertThat(plan.currentCase()).containsEntry("status", "open");

        plan.call("promised", "promisedOn", clock.today().plusDays(5).toString());

        assertThat(plan.frozen("promise")).isEqualByComparingTo("1500.00");
        assertThat(plan.currentCase()).containsEntry("status", "suspended");
    }

    private PlanCase individualCase(String amount) {
        return PlanCase.opened(rest, time, clock, "individual", amount);
    }
}
