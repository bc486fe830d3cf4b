package dev.dunning.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer groups ({@code individual}, {@code business}, {@code public} by default) and each
 * group's master plan: {@code dunning.groups.<group>.master-plan=<plan key>}; optionally the plan
 * that reminds the group of payments before they fall due:
 * {@code dunning.groups.<group>.upcoming-plan=<plan key>}, or {@code none} for no such reminders; and the
 * other plans a customer of the group may be put on: {@code dunning.groups.<group>.allowed-plans=<key>,<key>}.
 * <p>
 * This configuration seeds the groups table on first start (see {@code plans.PlanGroups}); once a group is
 * edited in the application, the table wins.
 */
@ConfigurationProperties("dunning")
public record CustomerGroups(Map<String, Group> groups) implements GroupPlans {

    /** {@code upcomingPlan} is null when the group takes the default ({@code dunning.upcoming.plan}). */
    public record Group(String masterPlan, String upcomingPlan, List<String> allowedPlans) {

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Group {
            allowedPlans = allowedPlans == null ? List.of()
                    : allowedPlans.stream().map(String::strip).filter(plan -> !plan.isEmpty()).toList();
        }

        public Group(String masterPlan, String upcomingPlan) {
            this(masterPlan, upcomingPlan, null);
        }

        public Group(String masterPlan) {
            this(masterPlan, null, null);
        }
    }

    public CustomerGroups {
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    @Override
    public Set<String> names() {
        return groups.keySet();
    }

    @Override
    public Map<String, String> masterPlans() {
        Map<String, String> result = new HashMap<>();
        groups.forEach((name, group) -> {
            if (group.masterPlan() != null) {
                result.put(name, group.masterPlan());
            }
        });
        return result;
    }

    @Override
    public boolean allows(String group, String planKey) {
        return allowedPlans(group).contains(planKey);
    }

    @Override
    public List<String> allowedPlans(String group) {
        Group found = groups.get(group);
        if (found == null) {
            return List.of();
        }
        Set<String> allowed = new TreeSet<>(found.allowedPlans());
        if (found.masterPlan() != null) {
            allowed.add(found.masterPlan());
        }
        return List.copyOf(allowed);
    }

    public Optional<String> masterPlan(String group) {
        return Optional.ofNullable(groups.get(group)).map(Group::masterPlan);
    }

    /** What the group's {@code upcoming-plan} says, if it says anything (a plan key or {@code none}). */
    @Override
    public Optional<String> upcomingPlan(String group) {
        return Optional.ofNullable(groups.get(group)).map(Group::upcomingPlan).filter(plan -> !plan.isBlank());
    }
}
