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
 * What the shipped plans do with each outcome of the lawyer's work, in business time: a refusal on the call
 * brings the pre-trial claim, and 30 days later the case is the lawyers'.
 */
@DunningTest
class LegalOutcomesProcessTest {

    private static final Duration UNTIL_THE_CALL = Duration.ofDays(12);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;

    @Test
    void aClaimSentByTheLawyerPutsTheCaseBackInPretrialForThirtyDaysThenTheLawyerLooksAgain() {
        PlanCase plan = atTheLawyer("5000.00");

        plan.complete(plan.lawyer, plan.legalTask(), Map.of("legalOutcome", "claim-sent"));

        assertThat(plan.currentCase()).containsEntry("stage", "pretrial").containsEntry("status", "open");
        assertThat(plan.timeline("legal-outcome")).containsExactly("claim sent by the lawyer");
        assertThat(plan.timeline("stage-changed")).last().asString().isEqualTo("legal -> pretrial at waitForLawyersClaimAnswer");
        plan.advance(Duration.ofDays(29));
        assertThat(plan.legalTask()).isNull();
        plan.advance(Duration.ofDays(1));
        assertThat(plan.legalTask()).isNotNull();
        assertThat(plan.currentCase()).containsEntry("stage", "legal");
    }

    @Test
    void paidAfterTheClaimWaitsTenDaysForTheMoneyAndGivesWhatIsLeftBackToTheLawyer() {
        PlanCase plan = atTheLawyer("5000.00");

        plan.complete(plan.lawyer, plan.legalTask(), Map.of("legalOutcome", "paid-after-claim"));
        plan.pay("3000.00");

        assertThat(plan.currentCase()).containsEntry("stage", "pretrial").containsEntry("status", "open");
        plan.advance(Duration.ofDays(10));
        assertThat(plan.legalTask()).isNotNull();
        assertThat(plan.currentCase()).containsEntry("stage", "legal");
        assertThat(plan.timeline("legal-outcome")).containsExactly("paid after the claim; real debt today 5000.00");
    }

    @Test
    void paidInFullAfterTheClaimSettlesTheCase() {
        PlanCase plan = atTheLawyer("5000.00");
        plan.complete(plan.lawyer, plan.legalTask(), Map.of("legalOutcome", "paid-after-claim"));

        plan.pay("5000.00");

        assertThat(plan.currentCase()).containsEntry("status", "settled");
        plan.advance(Duration.ofDays(10));
        assertThat(plan.legalTask()).isNull();
    }

    @Test
    void filingToCourtNeedsTheCourtCaseNumberAndIsReviewedAgainInThirtyDays() {
        PlanCase plan = atTheLawyer("50000.00");

        var withoutNumber = plan.tryToComplete(plan.lawyer, plan.legalTask(), Map.of("legalOutcome", "filed-to-court"));
        assertThat(withoutNumber.getStatusCode().value()).isEqualTo(422);
        assertThat(String.valueOf(withoutNumber.getBody().get("errors"))).contains("courtCaseNumber");

        plan.complete(plan.lawyer, plan.legalTask(), Map.of("legalOutcome", "filed-to-court", "courtCaseNumber", "A40-12345/26"));

        assertThat(plan.currentCase()).containsEntry("stage", "legal");
        assertThat(plan.timeline("legal-outcome")).containsExactly("filed to court, court case A40-12345/26");
        assertThat(plan.legalTask()).isNull();
        plan.advance(Duration.ofDays(30));
        assertThat(plan.legalTask()).isNotNull();
    }

    @Test
    void aJudgmentIsRecordedWithItsDateAndAwardedAmountAndTheEnforcementIsReviewedInThirtyDays() {
        PlanCase plan = atTheLawyer("50000.00");
        plan.complete(plan.lawyer, plan.legalTask(), Map.of("legalOutcome", "filed-to-court", "courtCaseNumber", "A40-777/26"));
        plan.advance(Duration.ofDays(30));
        LocalDate judgmentOn = clock.today().minusDays(2);

        plan.complete(plan.lawyer, plan.legalTask(),
                Map.of("legalOutcome", "judgment", "judgmentOn", judgmentOn.toString(), "awardedAmount", "52300.00"));

        assertThat(plan.timeline("legal-outcome")).last()
                .isEqualTo("judgment of " + judgmentOn + " awards 52300.00, court case A40-777/26");
        assertThat(plan.currentCase()).containsEntry("stage", "legal").containsEntry("status", "open");
        plan.advance(Duration.ofDays(30));
        assertThat(plan.legalTask()).isNotNull();
    }

    @Test
    void aWriteOffApprovedByAManagerClosesTheCaseAndMarksTheDebtWrittenOff() {
        PlanCase plan = atTheLawyer("700.00");

        plan.complete(plan.lawyer, plan.legalTask(), Map.of("legalOutcome", "written-off", "note", "the debtor moved abroad"));

        assertThat(plan.currentCase()).as("not before a manager approves").containsEntry("status", "open");
        assertThat(plan.legalTask()).isNull();
        assertThat(plan.taskOf(plan.lawyer, "approveWriteOff")).as("lawyers do not approve their own write-offs").isNull();
        Map<String, Object> approval = plan.taskOf(plan.manager, "approveWriteOff");
        assertThat(approval).isNotNull();

        plan.complete(plan.manager, approval, Map.of("writeOffDecision", "approve", "writeOffNote", "not worth a lawsuit"));

        assertThat(plan.currentCase()).containsEntry("status", "closed");
        assertThat(plan.timeline("debt-written-off")).containsExactly(
                "real debt of 700.00 written off, approved by manager as asked by lawyer: not worth a lawsuit");
        assertThat(plan.timeline("case-closed")).hasSize(1);
        plan.advance(Duration.ofDays(2));
        assertThat(plan.currentCase()).as("the daily evaluation leaves the written-off debt alone")
                .containsEntry("status", "closed");
    }

    @Test
    void aRejectedWriteOffGoesBackToTheLawyerWithTheManagersReason() {
        PlanCase plan = atTheLawyer("30000.00");
        plan.complete(plan.lawyer, plan.legalTask(), Map.of("legalOutcome", "written-off"));
        Map<String, Object> approval = plan.taskOf(plan.manager, "approveWriteOff");

        var withoutReason = plan.tryToComplete(plan.manager, approval, Map.of("writeOffDecision", "reject"));
        assertThat(withoutReason.getStatusCode().value()).isEqualTo(422);

        plan.complete(plan.manager, approval, Map.of("writeOffDecision", "reject", "writeOffNote", "sue: the debtor owns a car"));

        assertThat(plan.currentCase()).containsEntry("status", "open").containsEntry("stage", "legal");
        assertThat(plan.legalTask()).isNotNull();
        assertThat(plan.timeline("write-off-rejected")).containsExactly(
                "writing the debt off is rejected; the case goes back to the lawyers: sue: the debtor owns a car");
        assertThat(plan.timeline("debt-written-off")).isEmpty();
    }

    private PlanCase atTheLawyer(String amount) {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", amount);
        plan.bringToTheLawyer(UNTIL_THE_CALL);
        return plan;
    }
}
