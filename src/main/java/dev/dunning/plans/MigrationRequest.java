package dev.dunning.plans;

import java.util.List;
import java.util.Map;

/**
 * What an analyst asks to migrate: the running cases of {@code fromVersion} (all of them, or only {@code caseIds})
 * to {@code toVersion}; {@code mappings} send a case waiting in an activity the target lacks (or should not keep) to
 * an activity of the target ({@code "oldActivity": "newActivity"}). An activity that is not mapped keeps its id.
 */
public record MigrationRequest(Integer fromVersion, Integer toVersion, Map<String, String> mappings,
        List<String> caseIds) {

    public MigrationRequest {
        mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }

    String mappingsText() {
        return mappings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "->" + entry.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
