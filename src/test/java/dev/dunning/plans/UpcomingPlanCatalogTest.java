package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

/** The shipped upcoming-payment plan as the catalog deploys it: its plan data, and that it is no collection plan. */
@DunningTest
class UpcomingPlanCatalogTest {

    @Autowired
    PlanCatalog plans;
    @Autowired
    TestRestTemplate rest;

    @Test
    void theShippedPlanRemindsSevenAndThreeDaysBeforeAndOnTheDayAtTen() {
        UpcomingPlanSettings plan = plans.latestUpcoming("upcoming-payment").orElseThrow();

        assertThat(plan.remindDaysBefore()).containsExactly(7, 3, 0);
        assertThat(plan.horizonDays()).isEqualTo(7);
        assertThat(plan.remindAt()).isEqualTo(LocalTime.of(10, 0));
        assertThat(plans.upcomingPlan(plan.processDefinitionId())).contains(plan);
    }

    @Test
    void itIsNotACollectionPlanAndCollectionPlansAreNotUpcomingPaymentPlans() {
        assertThat(plans.latest("upcoming-payment")).isEmpty();
        assertThat(plans.latestOfEach()).extracting(PlanSettings::key).doesNotContain("upcoming-payment");
        assertThat(Api.as(rest, "analyst").list("/api/plans")).noneMatch(plan -> "upcoming-payment".equals(plan.get("key")));
        assertThat(plans.latestUpcoming("individual-standard")).isEmpty();
    }
}
