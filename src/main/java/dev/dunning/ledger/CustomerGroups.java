package dev.dunning.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer groups ({@code individual}, {@code business}, {@code public} by default) and each
 * group's master plan: {@code dunning.groups.<group>.master-plan=<plan key>}; optionally the plan
 * that reminds the group of payments before they fall due:
 * {@code dunning.groups.<group>.upcoming-plan=<plan key>}, or {@code none} for no such reminders.
 */
@ConfigurationProperties("dunning")
public record CustomerGroups(Map<String, Group> groups) {

    /** {@code upcomingPlan} is null when the group takes the default ({@code dunning.upcoming.plan}). */
    public record Group(String masterPlan, String upcomingPlan) {

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Group {
        }

        public Group(String masterPlan) {
            this(masterPlan, null);
        }
    }

    public CustomerGroups {
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    public Set<String> names() {
        return groups.keySet();
    }

    public Optional<String> masterPlan(String group) {
        return Optional.ofNullable(groups.get(group)).map(Group::masterPlan);
    }

    /** What the group's {@code upcoming-plan} says, if it says anything (a plan key or {@code none}). */
    public Optional<String> upcomingPlan(String group) {
        return Optional.ofNullable(groups.get(group)).map(Group::upcomingPlan).filter(plan -> !plan.isBlank());
    }
}
