package dev.dunning.plans;

import java.time.LocalTime;
import java.util.List;

/**
 * A deployed version of a plan that reminds customers of a payment before it falls due, and the data
 * it carries in its diagram.
 *
 * @param remindDaysBefore the days before the due date on which the plan reminds ({@code dunning:remindDaysBefore},
 *                         e.g. 7, 3 and 0 for the due day itself), largest first
 * @param remindAt         the time of day, in the company's zone, at which reminders go ({@code dunning:remindAt})
 */
public record UpcomingPlanSettings(
        String key,
        String name,
        int version,
        String processDefinitionId,
        List<Integer> remindDaysBefore,
        LocalTime remindAt) {

    public UpcomingPlanSettings {
        remindDaysBefore = List.copyOf(remindDaysBefore);
    }

    /** How many days before a due date the plan starts: its earliest reminder. */
    public int horizonDays() {
        return remindDaysBefore.get(0);
    }
}
