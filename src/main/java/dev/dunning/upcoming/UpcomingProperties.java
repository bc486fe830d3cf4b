package dev.dunning.upcoming;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reminders before a due date ({@code dunning.upcoming.*}).
 *
 * @param plan the upcoming-payment plan of every group that names none of its own
 *             ({@code dunning.groups.<group>.upcoming-plan}); {@code none}: only such groups are reminded
 */
@ConfigurationProperties("dunning.upcoming")
record UpcomingProperties(@DefaultValue(UpcomingProperties.DEFAULT_PLAN) String plan) {

    static final String DEFAULT_PLAN = "upcoming-payment";
    /** The value that switches reminders off, for the default or for one group. */
    static final String NONE = "none";

    UpcomingProperties {
        if (plan == null || plan.isBlank()) {
            throw new IllegalArgumentException("dunning.upcoming.plan must name an upcoming-payment plan (such as "
                    + DEFAULT_PLAN + ") or be " + NONE);
        }
        plan = plan.strip();
    }
}
