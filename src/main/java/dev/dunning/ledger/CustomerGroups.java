package dev.dunning.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer groups ({@code individual}, {@code business}, {@code public} by default) and each
 * group's master plan: {@code dunning.groups.<group>.master-plan=<plan key>}.
 */
@ConfigurationProperties("dunning")
public record CustomerGroups(Map<String, Group> groups) {

    public record Group(String masterPlan) {
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
}
