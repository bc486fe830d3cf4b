package dev.dunning.plans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flowable.dmn.api.DmnDecision;
import org.flowable.dmn.api.DmnDecisionService;
import org.flowable.dmn.api.DmnRepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

import dev.dunning.database.StartupLock;
import dev.dunning.files.EditableFiles;

/**
 * The plan-choice decisions: DMN decision tables under {@code processes/*.dmn} (disk copy over packaged copy),
 * deployed at start-up by Flowable's DMN engine after {@link DecisionReader} checked them, each file its own
 * deployment with duplicate filtering (an edited file becomes the next version). The DMN engine's expressions cannot
 * reach Spring beans or call methods ({@link DecisionEngineConfiguration}); the reader refuses expressions anyway.
 */
@Service
public class PlanDecisions implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PlanDecisions.class);

    private final DmnRepositoryService repository;
    private final DmnDecisionService decisions;
    private final EditableFiles files;
    private final PlanCatalog plans;
    private final DecisionReader reader = new DecisionReader();

    private final StartupLock startupLock;

    PlanDecisions(DmnRepositoryService repository, DmnDecisionService decisions, EditableFiles files, PlanCatalog plans,
            StartupLock startupLock) {
        this.startupLock = startupLock;
        this.repository = repository;
        this.decisions = decisions;
        this.files = files;
        this.plans = plans;
    }

    @Override
    public void afterPropertiesSet() {
        startupLock.holdUntilStarted("decision files");
        files.list(PlanCatalog.FOLDER, ".dmn").forEach(this::deploy);
    }

    private void deploy(String name, Resource resource) {
        byte[] xml;
        try (InputStream in = resource.getInputStream()) {
            xml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read decision " + name, e);
        }
        deploy(name, xml);
    }

    /** Checks and deploys a decision file; throws {@link InvalidDecisionException} with every reason it is refused. */
    public List<String> deploy(String name, byte[] xml) {
        List<DecisionReader.ReadDecision> read = reader.read(name, xml, this::isCollectionPlan);
        var deployment = repository.createDeployment()
                .name(name)
                .addDmnBytes(name.endsWith(".dmn") ? name : name + ".dmn", xml)
                .enableDuplicateFiltering()
                .deploy();
        log.info("Decision file {} is DMN deployment {} ({})", name, deployment.getId(),
                read.stream().map(DecisionReader.ReadDecision::key).toList());
        return read.stream().map(DecisionReader.ReadDecision::key).toList();
    }

    private static final java.util.regex.Pattern FILE_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,100}\\.dmn");

    /**
     * Deploys a decision file sent by an analyst and keeps it in the editable {@code processes/} folder, so that a
     * restart deploys the same file and not an older one.
     */
    public List<String> deployAndKeep(String name, byte[] xml) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a decision file is named like individual-plan-choice.dmn, not '" + name + "'");
        }
        List<String> keys = deploy(name, xml);
        try {
            java.nio.file.Path folder = files.diskFolder(PlanCatalog.FOLDER);
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Files.write(folder.resolve(name), xml);
        } catch (IOException e) {
            throw new UncheckedIOException("decision " + name + " is deployed but could not be kept on disk", e);
        }
        return keys;
    }

    /** What is wrong with a decision file (empty: it can be deployed). */
    public List<String> check(String name, byte[] xml) {
        List<DecisionReader.PlanProblemText> problems = new java.util.ArrayList<>();
        reader.check(name, xml, this::isCollectionPlan, problems);
        return problems.stream().map(DecisionReader.PlanProblemText::text).toList();
    }

    private boolean isCollectionPlan(String key) {
        return plans.latest(key).isPresent();
    }

    public boolean exists(String decisionKey) {
        return latest(decisionKey).isPresent();
    }

    /** Keys of the deployed decisions, sorted. */
    public List<String> keys() {
        return repository.createDecisionQuery().latestVersion().orderByDecisionKey().asc().list().stream()
                .map(DmnDecision::getKey).toList();
    }

    private Optional<DmnDecision> latest(String decisionKey) {
        return Optional.ofNullable(repository.createDecisionQuery().decisionKey(decisionKey).latestVersion()
                .singleResult());
    }

    /**
     * The plan the decision chooses for these inputs ({@link DecisionReader#INPUTS}); empty when no rule matched.
     * Throws when the decision cannot be run (unknown key, several rules matched under UNIQUE, ...).
     */
    Optional<String> choose(String decisionKey, Map<String, Object> inputs) {
        // the audit trail, because a rule whose entry fails to evaluate only marks the execution failed
        var execution = decisions.createExecuteDecisionBuilder()
                .decisionKey(decisionKey)
                .variables(inputs)
                .executeWithAuditTrail();
        if (Boolean.TRUE.equals(execution.isFailed())) {
            throw new IllegalStateException(execution.getExceptionMessage() != null ? execution.getExceptionMessage()
                    : execution.getValidationMessage() != null ? execution.getValidationMessage() : "the decision failed");
        }
        List<Map<String, Object>> results = execution.getDecisionResult();
        if (results == null || results.isEmpty() || results.get(0).get(DecisionReader.OUTPUT) == null) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(results.get(0).get(DecisionReader.OUTPUT)));
    }
}
