package dev.dunning.plans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

import dev.dunning.files.EditableFiles;
import dev.dunning.notify.Notices;

/**
 * The plans (collection plans, and upcoming-payment plans that remind before a due date): deploys the
 * BPMN files of {@code processes/} (disk copy over packaged copy) at start-up, and answers what a
 * deployed plan says about itself.
 * <p>
 * Each file is its own deployment with duplicate filtering, so an unchanged file keeps its
 * version and an edited one becomes the next version; running cases keep the version they began on.
 */
@Service
public class PlanCatalog implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PlanCatalog.class);
    static final String FOLDER = "processes";

    private final RepositoryService repository;
    private final EditableFiles files;
    private final PlanReader reader = new PlanReader();
    private final Map<String, Optional<PlanSettings>> settingsByDefinitionId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> stagesByDefinitionId = new ConcurrentHashMap<>();
    private final Map<String, Optional<UpcomingPlanSettings>> upcomingByDefinitionId = new ConcurrentHashMap<>();

    private final Notices notices;

    PlanCatalog(RepositoryService repository, EditableFiles files, Notices notices) {
        this.repository = repository;
        this.files = files;
        this.notices = notices;
    }

    @Override
    public void afterPropertiesSet() {
        files.list(FOLDER, ".bpmn20.xml").forEach(this::deploy);
        files.list(FOLDER, ".bpmn").forEach(this::deploy);
    }

    void deploy(String name, Resource resource) {
        byte[] xml;
        try (InputStream in = resource.getInputStream()) {
            xml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plan " + name, e);
        }
        BpmnModel model = reader.read(name, xml); // refuses what Dunning will not run, before the engine sees it
        checkNotices(name, model);
        String resourceName = name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml") ? name : name + ".bpmn20.xml";
        var deployment = repository.createDeployment()
                .name(name)
                .addBytes(resourceName, xml)
                .enableDuplicateFiltering()
                .deploy();
        log.info("Plan file {} is deployment {}", name, deployment.getId());
    }

    /**
     * Renders every notice template the plan sends, in every locale and for every channel it names, so that a
     * broken template or a value it uses unguarded is found now and not when thousands of notices go out.
     */
    private void checkNotices(String file, BpmnModel model) {
        List<String> problems = new ArrayList<>();
        for (ServiceTask task : model.getMainProcess().findFlowElementsOfType(ServiceTask.class, true)) {
            Matcher call = SEND_NOTICE.matcher(task.getImplementation() == null ? "" : task.getImplementation());
            while (call.find()) {
                List<String> channels = Arrays.stream(call.group(2).split(",")).map(String::strip)
                        .filter(channel -> !channel.isEmpty()).toList();
                notices.check(call.group(1), channels).forEach(problem ->
                        problems.add("activity '" + task.getId() + "': " + problem));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(file, problems);
        }
    }

    private static final Pattern SEND_NOTICE =
            Pattern.compile("plan\\.sendNotice\\(\\s*execution\\s*,\\s*'([^']*)'\\s*,\\s*'([^']*)'");

    /** The newest version of the collection plan with this key. */
    public Optional<PlanSettings> latest(String planKey) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionKey(planKey).latestVersion().singleResult();
        return Optional.ofNullable(definition).flatMap(this::settingsOf);
    }

    /** One version of a collection plan: the one a running case keeps. */
    public Optional<PlanSettings> version(String planKey, int version) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionKey(planKey).processDefinitionVersion(version).singleResult();
        return Optional.ofNullable(definition).flatMap(this::settingsOf);
    }

    /** The newest version of every collection plan, by key; processes without plan data are left out. */
    public List<PlanSettings> latestOfEach() {
        return repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list()
                .stream().map(this::settingsOf).flatMap(Optional::stream).toList();
    }

    public boolean exists(String planKey) {
        return latest(planKey).isPresent();
    }

    /** The newest version of the upcoming-payment plan with this key (empty if none, or not of that kind). */
    public Optional<UpcomingPlanSettings> latestUpcoming(String planKey) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionKey(planKey).latestVersion().singleResult();
        return Optional.ofNullable(definition).flatMap(this::upcomingSettingsOf);
    }

    /** The plan data of this version of an upcoming-payment plan (empty for any other process). */
    public Optional<UpcomingPlanSettings> upcomingPlan(String processDefinitionId) {
        Optional<UpcomingPlanSettings> known = upcomingByDefinitionId.get(processDefinitionId);
        if (known != null) {
            return known;
        }
        return upcomingSettingsOf(repository.getProcessDefinition(processDefinitionId));
    }

    /** The report stage an activity of this process version begins, if it begins one. */
    public Optional<String> stageOf(String processDefinitionId, String activityId) {
        return Optional.ofNullable(stagesByDefinitionId
                .computeIfAbsent(processDefinitionId, id -> reader.stages(repository.getBpmnModel(id)))
                .get(activityId));
    }

    private Optional<UpcomingPlanSettings> upcomingSettingsOf(ProcessDefinition definition) {
        return upcomingByDefinitionId.computeIfAbsent(definition.getId(),
                id -> reader.upcomingSettings(definition, repository.getBpmnModel(id)));
    }

    private Optional<PlanSettings> settingsOf(ProcessDefinition definition) {
        return settingsByDefinitionId.computeIfAbsent(definition.getId(),
                id -> reader.settings(definition, repository.getBpmnModel(id)));
    }
}
