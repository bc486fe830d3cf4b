package dev.dunning.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import dev.dunning.files.EditableFiles;
import dev.dunning.providers.Provider;
import dev.dunning.providers.Providers;

/**
 * The rules in {@code rules/assignment-rules.json} (the copy in {@code dunning.home} wins over the jar's). An
 * analyst's change to the file is picked up with the next task; a file that cannot be used is reported (log, the
 * rules API and the team page) and the last good rules stay in force. At start-up a bad file stops the node.
 */
@Component
class AssignmentRules {

    static final String FOLDER = "rules";
    static final String FILE_NAME = "assignment-rules.json";
    static final String FILE = FOLDER + "/" + FILE_NAME;
    private static final Logger log = LoggerFactory.getLogger(AssignmentRules.class);

    private final EditableFiles files;
    private final java.util.Set<String> providerIds;
    private volatile Loaded loaded;

    /** Rules as last read, the bytes they were read from, and the problem of a newer file that could not be used. */
    private record Loaded(List<AssignmentRule> rules, byte[] source, byte[] refused, String problem) {
    }

    AssignmentRules(EditableFiles files, Providers providers) {
        this.files = files;
        this.providerIds = providers.all().stream().map(Provider::id).collect(Collectors.toUnmodifiableSet());
        byte[] source = read();
        this.loaded = new Loaded(RuleFile.parse(FILE, source, providerIds), source, null, null);
    }

    /** The rules in force; a changed file is read first. */
    List<AssignmentRule> current() {
        refresh();
        return loaded.rules();
    }

    /** Why the file on disk is not in force, if it is not. */
    Optional<String> problem() {
        refresh();
        return Optional.ofNullable(loaded.problem());
    }

    /** The first rule that matches the task, if any. */
    Optional<AssignmentRule> firstMatching(TaskFacts facts) {
        return current().stream().filter(rule -> rule.matches(facts)).findFirst();
    }

    /** Whether some rule takes tasks of this kind (before the customer is looked at, which costs queries). */
    boolean anyTakes(String taskKey, java.util.Collection<String> candidateGroups) {
        return current().stream().anyMatch(rule -> rule.takes(taskKey, candidateGroups));
    }

    private synchronized void refresh() {
        Loaded now = loaded;
        byte[] source = read();
        if (Arrays.equals(source, now.source()) || Arrays.equals(source, now.refused())) {
            return;
        }
        try {
            loaded = new Loaded(RuleFile.parse(FILE, source, providerIds), source, null, null);
            log.info("assignment rules {} read: {} rules", FILE, loaded.rules().size());
        } catch (InvalidRulesFileException e) {
            loaded = new Loaded(now.rules(), now.source(), source, e.getMessage());
            log.warn("{}; the {} rules read before stay in force", e.getMessage(), now.rules().size());
        }
    }

    private byte[] read() {
        Resource resource = files.find(FOLDER, FILE_NAME).orElse(null);
        if (resource == null) {
            return "{\"rules\": []}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("assignment rules " + FILE + " cannot be read: " + e.getMessage(), e);
        }
    }
}
