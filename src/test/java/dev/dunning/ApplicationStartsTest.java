package dev.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.plans.PlanCatalog;
import dev.dunning.support.DunningTest;

@DunningTest
class ApplicationStartsTest {

    @Autowired
    PlanCatalog plans;

    @Test
    void theStandardPlansAreDeployedWithTheirGracePeriodsMinimumsAndStages() {
        assertThat(plans.latest("business-standard").orElseThrow().graceDays()).isEqualTo(10);
        assertThat(plans.latest("public-standard").orElseThrow().graceDays()).isEqualTo(30);

        var plan = plans.latest("individual-standard").orElseThrow();

        assertThat(plan.graceDays()).isEqualTo(5);
        assertThat(plan.minimumAmount()).isEqualByComparingTo("300.00");
        assertThat(plan.initialStage()).isEqualTo("reminder");
        assertThat(plan.stages()).containsEntry("callDebtor", "call").containsEntry("handleLegalCase", "legal");
    }
}
