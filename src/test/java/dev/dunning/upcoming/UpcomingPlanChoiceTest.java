package dev.dunning.upcoming;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.dunning.DunningApplication;

/** A group's upcoming-payment plan must be one that is deployed, or Dunning says so and does not start. */
class UpcomingPlanChoiceTest {

    @Test
    void aGroupNamingAMissingPlanOrACollectionPlanStopsTheStartWithBothReasons() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DunningApplication.class)
                .profiles("test")
                .properties(
                        "spring.datasource.url=jdbc:h2:mem:upcoming-choice;DB_CLOSE_DELAY=-1",
                        "server.port=0",
                        "dunning.groups.business.upcoming-plan=reminders-for-companies",
                        "dunning.groups.individual.upcoming-plan=individual-standard")
                .run().close())
                .rootCause()
                .hasMessageContaining("dunning.groups.business.upcoming-plan=reminders-for-companies is not a deployed plan"
                        + " (group business)")
                .hasMessageContaining("dunning.groups.individual.upcoming-plan=individual-standard is a collection plan,"
                        + " not an upcoming-payment plan (group individual)")
                .hasMessageContaining("or set the group's upcoming-plan to none");
    }
}
