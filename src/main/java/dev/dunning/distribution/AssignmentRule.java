package dev.dunning.distribution;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One rule of {@code rules/assignment-rules.json}: which tasks it takes, which customers it matches, and the team
 * whose people get them. An empty condition matches every customer.
 *
 * @param index     the rule's place in the file, from 0 (the first matching rule wins)
 * @param line      the line of the file the rule starts on
 * @param name      what analysts call the rule; shown on the timeline
 * @param tasks     task definition keys the rule takes ({@code callDebtor})
 * @param groups    candidate groups whose tasks the rule takes ({@code collectors}); a task in either list is taken
 * @param buildings building codes; one ending in {@code *} matches every building starting with the rest
 * @param regions   texts one of which the customer's address contains, case aside ({@code "Kazan"})
 * @param services  invoice services one of which the customer owes for
 * @param providers provider ids; the rule then takes only those providers' cases
 * @param languages languages ({@code ru}) of the customer's locale
 * @param minAmount the customer's conditional debt at least this, or null
 * @param maxAmount the customer's conditional debt below this, or null
 * @param team      the group whose people get the tasks (a role group like {@code collectors} or a team)
 * @param strategy  how one of them is picked
 */
record AssignmentRule(int index, int line, String name, List<String> tasks, List<String> groups,
        List<String> buildings, List<String> regions, List<String> services, List<String> providers,
        List<String> languages, BigDecimal minAmount, BigDecimal maxAmount, String team, Strategy strategy) {

    AssignmentRule {
        tasks = List.copyOf(tasks);
        groups = List.copyOf(groups);
        buildings = List.copyOf(buildings);
        regions = List.copyOf(regions);
        services = List.copyOf(services);
        providers = List.copyOf(providers);
        languages = List.copyOf(languages);
    }

    /** Whether the rule takes this kind of task at all, whoever the customer is. */
    boolean takes(String taskKey, java.util.Collection<String> candidateGroups) {
        return tasks.contains(taskKey) || candidateGroups.stream().anyMatch(groups::contains);
    }

    boolean matches(TaskFacts facts) {
        return takes(facts.taskKey(), facts.candidateGroups())
                && (buildings.isEmpty() || facts.building() != null && buildings.stream().anyMatch(b -> building(b, facts.building())))
                && (regions.isEmpty() || facts.address() != null && regions.stream().anyMatch(r -> lower(facts.address()).contains(lower(r))))
                && (services.isEmpty() || facts.services().stream().anyMatch(services::contains))
                && (providers.isEmpty() || facts.provider() != null && providers.contains(facts.provider()))
                && (languages.isEmpty() || facts.locale() != null && languages.contains(language(facts.locale())))
                && (minAmount == null || facts.amount().compareTo(minAmount) >= 0)
                && (maxAmount == null || facts.amount().compareTo(maxAmount) < 0);
    }

    /** How the rule is named on the timeline and pages: its name, else its place. */
    String label() {
        return name == null ? "rule " + (index + 1) : "rule " + (index + 1) + " '" + name + "'";
    }

    private static boolean building(String pattern, String building) {
        return pattern.endsWith("*") ? building.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(building);
    }

    static String language(String locale) {
        return Locale.forLanguageTag(locale.strip().replace('_', '-')).getLanguage();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
