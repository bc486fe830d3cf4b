package dev.dunning.distribution;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads {@code rules/assignment-rules.json} strictly: an unknown property (a misspelt {@code "straegy"}) is an error,
 * not a rule that silently matches everyone. Every problem names the line, the rule and the field.
 */
final class RuleFile {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectReader READER = MAPPER.readerFor(Json.class);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private RuleFile() {
    }

    /** The file as written. */
    record Json(List<RuleJson> rules) {
    }

    record RuleJson(String name, List<String> tasks, List<String> groups, List<String> buildings,
            List<String> regions, List<String> services, List<String> providers, List<String> languages,
            Band amount, String team, String strategy) {
    }

    /** The customer's conditional debt in [min, max). */
    record Band(BigDecimal min, BigDecimal max) {
    }

    /**
     * The rules of a file, checked.
     *
     * @param file        the file's name as people know it ({@code rules/assignment-rules.json})
     * @param knownProviders the deployment's provider ids, which {@code providers} may name
     * @throws InvalidRulesFileException listing every problem
     */
    static List<AssignmentRule> parse(String file, byte[] json, Set<String> knownProviders) {
        Json read;
        try {
            read = READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRulesFileException(file, List.of(describe(e)));
        } catch (IOException e) {
            throw new InvalidRulesFileException(file, List.of("cannot be read: " + e.getMessage()));
        }
        if (read == null || read.rules() == null) {
            throw new InvalidRulesFileException(file, List.of("line 1: the file needs a \"rules\" list (it may be empty)"));
        }
        List<Integer> lines = ruleLines(json);
        List<String> problems = new ArrayList<>();
        List<AssignmentRule> rules = new ArrayList<>();
        for (int i = 0; i < read.rules().size(); i++) {
            RuleJson rule = read.rules().get(i);
            int line = i < lines.size() ? lines.get(i) : 1;
            if (rule == null) {
                problems.add(where(line, i, null) + "a rule is an object, not null");
                continue;
            }
            int before = problems.size();
            List<String> tasks = texts(rule.tasks(), line, i, "tasks", problems);
            List<String> groups = texts(rule.groups(), line, i, "groups", problems);
            if (tasks.isEmpty() && groups.isEmpty()) {
                problems.add(where(line, i, "tasks") + "name the tasks the rule takes: task keys in \"tasks\" "
                        + "(callDebtor) or candidate groups in \"groups\" (collectors, lawyers)");
            }
            List<String> buildings = texts(rule.buildings(), line, i, "buildings", problems);
            for (String building : buildings) {
                if (building.indexOf('*') >= 0 && building.indexOf('*') != building.length() - 1 || building.equals("*")) {
                    problems.add(where(line, i, "buildings") + "'" + building + "': '*' may only end a building "
                            + "prefix (N-12*); leave the list out to match every building");
                }
            }
            List<String> providers = texts(rule.providers(), line, i, "providers", problems);
            for (String provider : providers) {
                if (!knownProviders.contains(provider)) {
                    problems.add(where(line, i, "providers") + "'" + provider + "' is not a provider of this deployment"
                            + (knownProviders.isEmpty() ? " (dunning.providers.list has none)"
                                    : "; providers are " + new java.util.TreeSet<>(knownProviders)));
                }
            }
            List<String> languages = texts(rule.languages(), line, i, "languages", problems);
            for (String language : languages) {
                if (!LANGUAGE.matcher(language).matches()) {
                    problems.add(where(line, i, "languages") + "'" + language + "' is not a language code (ru, en)");
                }
            }
            BigDecimal min = rule.amount() == null ? null : rule.amount().min();
            BigDecimal max = rule.amount() == null ? null : rule.amount().max();
            if (min != null && min.signum() < 0) {
                problems.add(where(line, i, "amount.min") + "must not be negative, not " + min.toPlainString());
            }
            if (min != null && max != null && min.compareTo(max) >= 0) {
                problems.add(where(line, i, "amount.max") + "must be above amount.min (" + min.toPlainString()
                        + "): the band is [min, max)");
            }
            if (rule.team() == null || rule.team().isBlank()) {
                problems.add(where(line, i, "team") + "name the group whose people get the tasks (collectors-north)");
            }
            Strategy strategy = null;
            if (rule.strategy() == null || rule.strategy().isBlank()) {
                problems.add(where(line, i, "strategy") + "choose round-robin or least-loaded");
            } else {
                try {
                    strategy = Strategy.ofCode(rule.strategy().strip());
                } catch (IllegalArgumentException e) {
                    problems.add(where(line, i, "strategy") + e.getMessage());
                }
            }
            if (problems.size() == before) {
                rules.add(new AssignmentRule(i, line, rule.name() == null || rule.name().isBlank() ? null : rule.name().strip(),
                        tasks, groups, buildings, texts(rule.regions(), line, i, "regions", problems),
                        texts(rule.services(), line, i, "services", problems), providers, languages, min, max,
                        rule.team().strip(), strategy));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRulesFileException(file, problems);
        }
        return List.copyOf(rules);
    }

    private static List<String> texts(List<String> values, int line, int index, String field, List<String> problems) {
        if (values == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                problems.add(where(line, index, field) + "has an empty entry");
            } else {
                texts.add(value.strip());
            }
        }
        return texts;
    }

    private static String where(int line, int index, String field) {
        return "line " + line + ", rules[" + index + "]" + (field == null ? "" : "." + field) + ": ";
    }

    /** Jackson's own problem with its line and the path to the field ({@code rules[2].strategy}). */
    private static String describe(JsonProcessingException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        String message = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            message = "'" + unknown.getPropertyName() + "' is not a rule setting; settings are " + unknown.getKnownPropertyIds();
        } else if (message != null && message.contains("\n")) {
            message = message.substring(0, message.indexOf('\n'));
        }
        int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
        return "line " + line + (path.isEmpty() ? "" : ", " + path) + ": " + message;
    }

    /** The line each object of the top-level {@code rules} list starts on. */
    private static List<Integer> ruleLines(byte[] json) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            int depth = 0;
            boolean inRules = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (inRules && depth == 2 && token == JsonToken.START_OBJECT) {
                        lines.add(parser.currentTokenLocation().getLineNr());
                    }
                    if (depth == 1 && token == JsonToken.START_ARRAY && "rules".equals(parser.currentName())) {
                        inRules = true;
                    }
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth == 1) {
                        inRules = false;
                    }
                }
            }
        } catch (IOException e) {
            // The file was read once already; a second read of the same bytes cannot fail differently.
        }
        return lines;
    }
}
