package dev.dunning.distribution;

import java.util.List;
import java.util.Map;

/** How a rule picks one person of its team for a new task. */
enum Strategy {

    /** Each new customer goes to the next person in name order after the one who got the last. */
    ROUND_ROBIN("round-robin"),
    /** Each new customer goes to whoever has the fewest open tasks assigned; ties go round in name order. */
    LEAST_LOADED("least-loaded");

    private final String code;

    Strategy(String code) {
        this.code = code;
    }

    /** The name rule files use. */
    String code() {
        return code;
    }

    static Strategy ofCode(String code) {
        for (Strategy strategy : values()) {
            if (strategy.code.equals(code)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not a strategy; use round-robin or least-loaded");
    }

    /**
     * The person who gets the next task.
     *
     * @param people     the team's people at work, in name order, never empty
     * @param last       who got the team's last task by this turn order, or null
     * @param openTasks  open tasks assigned per person; a person missing has none
     */
    String pick(List<String> people, String last, Map<String, Integer> openTasks) {
        if (people.isEmpty()) {
            throw new IllegalArgumentException("nobody to pick from");
        }
        List<String> inTurn = afterLast(people, last);
        if (this == ROUND_ROBIN) {
            return inTurn.get(0);
        }
        String fewest = inTurn.get(0);
        for (String person : inTurn) {
            if (openTasks.getOrDefault(person, 0) < openTasks.getOrDefault(fewest, 0)) {
                fewest = person;
            }
        }
        return fewest;
    }

    /** The people starting with the first one after {@code last} in name order (last, if still there, comes last). */
    private static List<String> afterLast(List<String> people, String last) {
        if (last == null) {
            return people;
        }
        int start = 0;
        while (start < people.size() && people.get(start).compareTo(last) <= 0) {
            start++;
        }
        if (start == people.size()) {
            return people;
        }
        return java.util.stream.Stream.concat(people.subList(start, people.size()).stream(),
                people.subList(0, start).stream()).toList();
    }
}
