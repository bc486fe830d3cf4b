package dev.dunning.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StrategyTest {

    private static final List<String> TEAM = List.of("anna", "boris", "vera");

    @Test
    void roundRobinGivesEachNewTaskToTheNextPersonInNameOrderAndStartsOverAfterTheLast() {
        List<String> picked = new ArrayList<>();
        String last = null;
        for (int i = 0; i < 7; i++) {
            last = Strategy.ROUND_ROBIN.pick(TEAM, last, Map.of());
            picked.add(last);
        }

        assertThat(picked).containsExactly("anna", "boris", "vera", "anna", "boris", "vera", "anna");
    }

    @Test
    void roundRobinGoesOnWithTheNextNameWhenTheLastOneLeftTheTeam() {
        assertThat(Strategy.ROUND_ROBIN.pick(List.of("anna", "vera"), "boris", Map.of())).isEqualTo("vera");
        assertThat(Strategy.ROUND_ROBIN.pick(List.of("anna", "boris"), "zoe", Map.of())).isEqualTo("anna");
    }

    @Test
    void leastLoadedGivesTheTaskToWhoeverHasFewestOpenTasks() {
        assertThat(Strategy.LEAST_LOADED.pick(TEAM, null, Map.of("anna", 5, "boris", 2, "vera", 3))).isEqualTo("boris");
        assertThat(Strategy.LEAST_LOADED.pick(TEAM, "boris", Map.of("anna", 5, "boris", 2, "vera", 3)))
                .isEqualTo("boris");
    }

    @Test
    void someoneWithoutOpenTasksCountsAsHavingNone() {
        assertThat(Strategy.LEAST_LOADED.pick(TEAM, null, Map.of("anna", 1, "boris", 1))).isEqualTo("vera");
    }

    @Test
    void leastLoadedTiesGoRoundInNameOrder() {
        Map<String, Integer> even = Map.of("anna", 2, "boris", 2, "vera", 2);

        assertThat(Strategy.LEAST_LOADED.pick(TEAM, null, even)).isEqualTo("anna");
        assertThat(Strategy.LEAST_LOADED.pick(TEAM, "anna", even)).isEqualTo("boris");
        assertThat(Strategy.LEAST_LOADED.pick(TEAM, "vera", even)).isEqualTo("anna");
    }

    @Test
    void ruleFilesNameTheStrategies() {
        assertThat(Strategy.ofCode("round-robin")).isEqualTo(Strategy.ROUND_ROBIN);
        assertThat(Strategy.ofCode("least-loaded")).isEqualTo(Strategy.LEAST_LOADED);
    }
}
