package dev.dunning.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AssignmentRuleTest {

    private static AssignmentRule rule(String conditions) {
        String json = """
                {"rules": [{"tasks": ["callDebtor"], %s "team": "collectors-north", "strategy": "round-robin"}]}"""
                .formatted(conditions.isEmpty() ? "" : conditions + ",");
        return RuleFile.parse("rules/assignment-rules.json", json.getBytes(StandardCharsets.UTF_8), Set.of("water-co"))
                .get(0);
    }

    private static TaskFacts call(String building, String address, String locale, Set<String> services, String amount,
            String provider) {
        return new TaskFacts("callDebtor", Set.of("collectors"), "C-1", building, address, locale, services,
                new BigDecimal(amount), provider);
    }

    private static TaskFacts call() {
        return call("N-12", "Kazan, Lenina 5", "ru-RU", Set.of("water"), "1000.00", null);
    }

    @Test
    void aRuleWithoutConditionsTakesEveryTaskOfItsKinds() {
        AssignmentRule any = rule("");

        assertThat(any.matches(call())).isTrue();
        assertThat(any.matches(new TaskFacts("handleLegalCase", Set.of("lawyers"), "C-1", null, null, null, Set.of(),
                BigDecimal.ONE, null))).isFalse();
    }

    @Test
    void aRuleTakesTasksByCandidateGroupToo() {
        AssignmentRule lawyers = RuleFile.parse("rules/assignment-rules.json", """
                {"rules": [{"groups": ["lawyers"], "team": "lawyers", "strategy": "least-loaded"}]}"""
                .getBytes(StandardCharsets.UTF_8), Set.of()).get(0);

        assertThat(lawyers.matches(new TaskFacts("handleLegalCase", Set.of("lawyers"), "C-1", null, null, null,
                Set.of(), BigDecimal.ONE, null))).isTrue();
        assertThat(lawyers.matches(call())).isFalse();
    }

    @Test
    void buildingsMatchExactlyOrByAPrefixEndingInAStar() {
        assertThat(rule("\"buildings\": [\"N-12\"]").matches(call())).isTrue();
        assertThat(rule("\"buildings\": [\"N-1\"]").matches(call())).isFalse();
        assertThat(rule("\"buildings\": [\"S-*\", \"N-*\"]").matches(call())).isTrue();
        assertThat(rule("\"buildings\": [\"N-*\"]").matches(call(null, "Kazan", "ru", Set.of(), "1.00", null))).isFalse();
    }

    @Test
    void aRegionMatchesWhenTheAddressContainsItWhateverTheCase() {
        assertThat(rule("\"regions\": [\"kazan\"]").matches(call())).isTrue();
        assertThat(rule("\"regions\": [\"Samara\"]").matches(call())).isFalse();
        assertThat(rule("\"regions\": [\"Kazan\"]").matches(call("N-12", null, "ru", Set.of(), "1.00", null))).isFalse();
    }

    @Test
    void aServiceMatchesWhenTheCustomerOwesForIt() {
        assertThat(rule("\"services\": [\"heating\", \"water\"]").matches(call())).isTrue();
        assertThat(rule("\"services\": [\"heating\"]").matches(call())).isFalse();
    }

    @Test
    void theAmountBandIncludesItsMinimumAndExcludesItsMaximum() {
        AssignmentRule band = rule("\"amount\": {\"min\": \"1000\", \"max\": 5000}");

        assertThat(band.matches(call("N-12", null, null, Set.of(), "999.99", null))).isFalse();
        assertThat(band.matches(call("N-12", null, null, Set.of(), "1000.00", null))).isTrue();
        assertThat(band.matches(call("N-12", null, null, Set.of(), "4999.99", null))).isTrue();
        assertThat(band.matches(call("N-12", null, null, Set.of(), "5000.00", null))).isFalse();
        assertThat(rule("\"amount\": {\"min\": 100000}").matches(call("N-12", null, null, Set.of(), "250000", null)))
                .isTrue();
    }

    @Test
    void aLanguageMatchesTheLanguageOfTheCustomersLocale() {
        assertThat(rule("\"languages\": [\"ru\"]").matches(call())).isTrue();
        assertThat(rule("\"languages\": [\"en\"]").matches(call("N-12", null, "en_GB", Set.of(), "1.00", null))).isTrue();
        assertThat(rule("\"languages\": [\"en\"]").matches(call())).isFalse();
        assertThat(rule("\"languages\": [\"en\"]").matches(call("N-12", null, null, Set.of(), "1.00", null))).isFalse();
    }

    @Test
    void aProviderRuleTakesOnlyThatProvidersCases() {
        AssignmentRule water = rule("\"providers\": [\"water-co\"]");

        assertThat(water.matches(call("N-12", null, null, Set.of(), "1.00", "water-co"))).isTrue();
        assertThat(water.matches(call())).isFalse();
    }

    @Test
    void everyConditionMustHold() {
        AssignmentRule all = rule("\"buildings\": [\"N-*\"], \"languages\": [\"ru\"], \"amount\": {\"max\": 500}");

        assertThat(all.matches(call())).isFalse();
        assertThat(all.matches(call("N-12", null, "ru", Set.of(), "499.00", null))).isTrue();
    }

    @Test
    void theFirstMatchingRuleWins() {
        List<AssignmentRule> rules = RuleFile.parse("rules/assignment-rules.json", """
                {"rules": [
                  {"tasks": ["callDebtor"], "buildings": ["S-*"], "team": "south", "strategy": "round-robin"},
                  {"tasks": ["callDebtor"], "buildings": ["N-*"], "team": "north", "strategy": "round-robin"},
                  {"tasks": ["callDebtor"], "team": "everyone", "strategy": "least-loaded"}
                ]}""".getBytes(StandardCharsets.UTF_8), Set.of());

        assertThat(rules.stream().filter(rule -> rule.matches(call())).findFirst()).get()
                .extracting(AssignmentRule::team).isEqualTo("north");
    }
}
