package dev.dunning.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RuleFileTest {

    private static final String FILE = "rules/assignment-rules.json";

    private static List<AssignmentRule> parse(String json) {
        return RuleFile.parse(FILE, json.getBytes(StandardCharsets.UTF_8), Set.of("water-co"));
    }

    @Test
    void theShippedFileHasNoRulesSoTasksStayGroupTasksAsBefore() throws IOException {
        assertThat(RuleFile.parse(FILE, Files.readAllBytes(Path.of("rules/assignment-rules.json")), Set.of())).isEmpty();
    }

    @Test
    void theExampleInTheRulesFolderIsAUsableFile() throws IOException {
        List<AssignmentRule> rules = RuleFile.parse("rules/assignment-rules.example.json",
                Files.readAllBytes(Path.of("rules/assignment-rules.example.json")), Set.of());

        assertThat(rules).hasSize(4);
        assertThat(rules.get(0).line()).isEqualTo(3);
        assertThat(rules.get(1).strategy()).isEqualTo(Strategy.LEAST_LOADED);
    }

    @Test
    void eachRuleKnowsTheLineItStartsOn() {
        List<AssignmentRule> rules = parse("""
                {
                  "rules": [
                    {"tasks": ["callDebtor"], "team": "a", "strategy": "round-robin"},

                    {
                      "name": "second",
                      "groups": ["lawyers"], "team": "lawyers", "strategy": "least-loaded"
                    }
                  ]
                }""");

        assertThat(rules).extracting(AssignmentRule::line).containsExactly(3, 5);
        assertThat(rules.get(1).label()).isEqualTo("rule 2 'second'");
    }

    @Test
    void aMisspeltSettingIsRefusedWithItsLineAndRule() {
        assertThatThrownBy(() -> parse("""
                {"rules": [
                  {"tasks": ["callDebtor"], "team": "a", "strategy": "round-robin"},
                  {"tasks": ["callDebtor"], "team": "a",
                   "straegy": "round-robin"}
                ]}"""))
                .isInstanceOf(InvalidRulesFileException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("line 4, rules[1].straegy: 'straegy' is not a rule setting");
    }

    @Test
    void brokenJsonIsRefusedWithTheLine() {
        assertThatThrownBy(() -> parse("""
                {"rules": [
                  {"tasks": ["callDebtor"] "team": "a"}
                ]}"""))
                .isInstanceOf(InvalidRulesFileException.class)
                .hasMessageContaining(FILE + " cannot be used: line 2");
    }

    @Test
    void everyProblemIsNamedWithLineRuleAndField() {
        InvalidRulesFileException refused = (InvalidRulesFileException) org.assertj.core.api.Assertions.catchThrowable(
                () -> parse("""
                        {"rules": [
                          {"team": "a", "strategy": "round-robin"},
                          {"tasks": ["callDebtor"], "team": " ", "strategy": "fastest"},
                          {"tasks": ["callDebtor"], "team": "a", "strategy": "round-robin",
                           "amount": {"min": 5000, "max": 1000}, "buildings": ["N*-1"], "languages": ["Russian"],
                           "providers": ["gas-co"]}
                        ]}"""));

        assertThat(refused.file()).isEqualTo(FILE);
        assertThat(refused.problems()).containsExactly(
                "line 2, rules[0].tasks: name the tasks the rule takes: task keys in \"tasks\" (callDebtor) or "
                        + "candidate groups in \"groups\" (collectors, lawyers)",
                "line 3, rules[1].team: name the group whose people get the tasks (collectors-north)",
                "line 3, rules[1].strategy: 'fastest' is not a strategy; use round-robin or least-loaded",
                "line 4, rules[2].buildings: 'N*-1': '*' may only end a building prefix (N-12*); leave the list out "
                        + "to match every building",
                "line 4, rules[2].providers: 'gas-co' is not a provider of this deployment; providers are [water-co]",
                "line 4, rules[2].languages: 'Russian' is not a language code (ru, en)",
                "line 4, rules[2].amount.max: must be above amount.min (5000): the band is [min, max)");
    }

    @Test
    void aFileWithoutARulesListIsRefused() {
        assertThatThrownBy(() -> parse("{}")).isInstanceOf(InvalidRulesFileException.class)
                .hasMessageContaining("needs a \"rules\" list");
    }

    @Test
    void anAmountThatIsNoNumberIsRefusedWithItsField() {
        assertThatThrownBy(() -> parse("""
                {"rules": [{"tasks": ["callDebtor"], "team": "a", "strategy": "round-robin",
                            "amount": {"min": "lots"}}]}"""))
                .isInstanceOf(InvalidRulesFileException.class)
                .hasMessageContaining("rules[0].amount.min");
    }
}
