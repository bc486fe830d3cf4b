package dev.dunning.plans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.database.StartupLock;
import dev.dunning.files.EditableFiles;
import dev.dunning.notify.Notices;
import dev.dunning.security.Teams;
import dev.dunning.timeline.Timeline;

/**
 * The plans (collection plans, and upcoming-payment plans that remind before a due date): checks and deploys
 * plan files, keeps the record of who deployed which version, and answers what a deployed plan says about itself.
 * <p>
 * At start-up the BPMN files of {@code processes/} (disk copy over packaged copy) are deployed, each as its own
 * deployment named after the file: a file equal to the newest deployment of that name is left alone (no new
 * version, and no new check, so a team removed since cannot stop the start), an edited one is checked and becomes
 * the next version. A plan deployed through the API is written to {@code processes/<key>.bpmn20.xml} on disk and
 * deployed under that name, so a restart finds it unchanged. Running cases keep the version they began on.
 */
@Service
public class PlanCatalog implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PlanCatalog.class);
    static final String FOLDER = "processes";
    static final String FORMS = "forms";
    static final String SUFFIX = ".bpmn20.xml";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final EditableFiles files;
    private final Notices notices;
    private final Teams teams;
    private final PlanDeployments deployments;
    private final Timeline timeline;
    private final TransactionTemplate transaction;
    private final PlanReader reader;
    private final StartupLock startupLock;
    private final DeployedDefinitions deployed;
    private final Map<String, Optional<PlanSettings>> settingsByDefinitionId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> stagesByDefinitionId = new ConcurrentHashMap<>();
    private final Map<String, Optional<UpcomingPlanSettings>> upcomingByDefinitionId = new ConcurrentHashMap<>();

    PlanCatalog(RepositoryService repository, RuntimeService runtime, EditableFiles files, Notices notices, Teams teams,
            PlanDeployments deployments, Timeline timeline, PlatformTransactionManager transactions,
            ApplicationContext context, StartupLock startupLock, DeployedDefinitions deployed) {
        this.repository = repository;
        this.deployed = deployed;
        this.startupLock = startupLock;
        this.runtime = runtime;
        this.files = files;
        this.notices = notices;
        this.teams = teams;
        this.deployments = deployments;
        this.timeline = timeline;
        this.transaction = new TransactionTemplate(transactions);
        this.reader = new PlanReader(StepLibrary.of(context));
    }

    @Override
    public void afterPropertiesSet() {
        // Nodes started together would each find no deployment and each deploy version 1 and 2 of every plan.
        startupLock.holdUntilStarted("plan files");
        files.list(FOLDER, SUFFIX).forEach(this::deploy);
        files.list(FOLDER, ".bpmn").forEach(this::deploy);
    }

    /** Deploys one file of the processes folder at start-up, unless the newest deployment of that name is the same. */
    void deploy(String name, Resource resource) {
        byte[] xml;
        try (InputStream in = resource.getInputStream()) {
            xml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plan " + name, e);
        }
        String resourceName = name.endsWith(".bpmn") || name.endsWith(SUFFIX) ? name : name + SUFFIX;
        Deployment previous = latestDeploymentNamed(name);
        if (previous != null && Arrays.equals(xml, resourceOf(previous.getId(), resourceName))) {
            recordIfMissing(previous, name, xml);
            return;
        }
        List<PlanProblem> problems = check(xml).problems();
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(name, problems); // refuses what Dunning will not run, before the engine sees it
        }
        DeployedPlan deployed = transaction.execute(status -> deployChecked(name, resourceName, xml, Timeline.SYSTEM));
        log.info("Plan file {} is version {} of plan {} (deployment {})", name, deployed.version(), deployed.key(),
                deployed.deploymentId());
    }

    /**
     * The newest deployment of this name: the one holding the highest plan version (deployment times can tie, as
     * business time may stand still between two deployments).
     */
    private Deployment latestDeploymentNamed(String name) {
        Map<String, Deployment> byId = new HashMap<>();
        repository.createDeploymentQuery().deploymentName(name).list().forEach(found -> byId.put(found.getId(), found));
        if (byId.isEmpty()) {
            return null;
        }
        return repository.createProcessDefinitionQuery().deploymentIds(byId.keySet())
                .orderByProcessDefinitionVersion().desc().listPage(0, 1).stream()
                .map(definition -> byId.get(definition.getDeploymentId())).findFirst().orElse(null);
    }

    /**
     * Everything wrong with a plan file, each problem with the element it concerns; empty when it can be deployed.
     * Never throws for bad content.
     */
    public List<PlanProblem> check(String fileName, byte[] xml) {
        return check(xml).problems();
    }

    /** The plan key (the process id) of a file, if it can be read. */
    public Optional<String> keyOf(byte[] xml) {
        return Optional.ofNullable(reader.check(xml).key());
    }

    /**
     * Checks and deploys a plan file as the next version of its plan, records who deployed it and writes it to the
     * processes folder on disk. A file equal to the newest version deploys nothing and answers {@code unchanged}.
     *
     * @throws InvalidPlanException with every problem, if the file cannot be deployed (the refusal is audited)
     */
    public DeployedPlan deploy(String fileName, byte[] xml, String actor) {
        PlanReader.PlanCheck check = check(xml);
        if (!check.problems().isEmpty()) {
            timeline.record(null, null, "plan-rejected", actor, "plan file " + shortName(fileName)
                    + (check.key() == null ? "" : " (plan " + check.key() + ")") + " refused with "
                    + check.problems().size() + (check.problems().size() == 1 ? " problem" : " problems"));
            throw new InvalidPlanException(fileName, check.problems());
        }
        String key = check.key();
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult();
        if (latest != null && Arrays.equals(xml, resourceOf(latest.getDeploymentId(), latest.getResourceName()))) {
            Optional<PlanDeployments.Recorded> recorded = deployments.byDeployment(latest.getDeploymentId());
            return new DeployedPlan(key, latest.getName(), latest.getVersion(), latest.getId(), latest.getDeploymentId(),
                    recorded.map(PlanDeployments.Recorded::deployedBy).orElse(UNKNOWN),
                    recorded.map(PlanDeployments.Recorded::deployedAt).orElse(null), true);
        }
        String diskName = key + SUFFIX;
        try {
            return transaction.execute(status -> {
                DeployedPlan deployed = deployChecked(diskName, diskName, xml, actor);
                writeToDisk(diskName, xml);
                return deployed;
            });
        } catch (FlowableException | org.flowable.bpmn.exceptions.XMLException refusedByEngine) {
            // the checks should have found it; say what the engine said rather than fail with a server error
            List<PlanProblem> problems = List.of(PlanProblem.ofFile("the engine refused the file: "
                    + PlanXml.rootMessage(refusedByEngine)));
            timeline.record(null, null, "plan-rejected", actor, "plan file " + shortName(fileName) + " (plan " + key
                    + ") refused by the engine with 1 problem");
            throw new InvalidPlanException(fileName, problems);
        }
    }

    private static final String UNKNOWN = "unknown";

    private DeployedPlan deployChecked(String deploymentName, String resourceName, byte[] xml, String actor) {
        Deployment deployment = repository.createDeployment().name(deploymentName).addBytes(resourceName, xml).deploy();
        forgetLatestPlans(); // again, now that the deployment is committed
        ProcessDefinition definition = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                .singleResult();
        Instant at = deployment.getDeploymentTime().toInstant();
        deployments.record(new PlanDeployments.Recorded(deployment.getId(), definition.getKey(), definition.getVersion(),
                definition.getId(), actor, at, deploymentName, sha256(xml)));
        timeline.record(null, null, "plan-deployed", actor, "plan " + definition.getKey() + " version "
                + definition.getVersion() + " deployed from " + shortName(deploymentName));
        return new DeployedPlan(definition.getKey(), definition.getName(), definition.getVersion(), definition.getId(),
                deployment.getId(), actor, at, false);
    }

    /** A deployment made before Dunning kept its record (or by an older version of Dunning) is recorded as found. */
    private void recordIfMissing(Deployment deployment, String name, byte[] xml) {
        if (deployments.byDeployment(deployment.getId()).isPresent()) {
            return;
        }
        ProcessDefinition definition = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                .singleResult();
        if (definition != null) {
            deployments.record(new PlanDeployments.Recorded(deployment.getId(), definition.getKey(),
                    definition.getVersion(), definition.getId(), Timeline.SYSTEM,
                    deployment.getDeploymentTime().toInstant(), name, sha256(xml)));
        }
    }

    private void writeToDisk(String fileName, byte[] xml) {
        Path folder = files.diskFolder(FOLDER);
        try {
            Files.createDirectories(folder);
            Path written = Files.createTempFile(folder, ".deploying-", ".tmp");
            Files.write(written, xml);
            Files.move(written, folder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan to " + folder.resolve(fileName), e);
        }
    }

    /** Every version of a plan, newest first, with who deployed it and how many cases still run on it. */
    public List<PlanVersion> versions(String key) {
        Map<String, PlanDeployments.Recorded> recorded = new HashMap<>();
        deployments.ofPlan(key).forEach(deployment -> recorded.put(deployment.deploymentId(), deployment));
        return repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list().stream()
                .map(definition -> {
                    PlanDeployments.Recorded record = recorded.get(definition.getDeploymentId());
                    return new PlanVersion(key, definition.getName(), definition.getVersion(), definition.getId(),
                            definition.getDeploymentId(), record == null ? UNKNOWN : record.deployedBy(),
                            record == null ? deploymentTime(definition.getDeploymentId()) : record.deployedAt(),
                            runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count());
                })
                .toList();
    }

    /** The BPMN file of one version of a plan, as deployed. */
    public Optional<byte[]> xml(String key, int version) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).singleResult();
        return Optional.ofNullable(definition).map(found -> resourceOf(found.getDeploymentId(), found.getResourceName()));
    }

    /** The BPMN file of the newest version of a plan. */
    public Optional<byte[]> xml(String key) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult();
        return Optional.ofNullable(definition).map(found -> resourceOf(found.getDeploymentId(), found.getResourceName()));
    }

    private Instant deploymentTime(String deploymentId) {
        Deployment deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        return deployment == null ? null : deployment.getDeploymentTime().toInstant();
    }

    private byte[] resourceOf(String deploymentId, String resourceName) {
        if (!repository.getDeploymentResourceNames(deploymentId).contains(resourceName)) {
            return null;
        }
        try (InputStream in = repository.getResourceAsStream(deploymentId, resourceName)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resourceName + " of deployment " + deploymentId, e);
        }
    }

    /** The file checks, and then what the plan names outside itself: templates, forms, groups, people. */
    private PlanReader.PlanCheck check(byte[] xml) {
        PlanReader.PlanCheck check;
        try {
            check = reader.check(xml);
        } catch (RuntimeException e) {
            log.warn("A plan file could not be checked", e);
            return new PlanReader.PlanCheck(null, null,
                    List.of(PlanProblem.ofFile("the file could not be checked: " + PlanXml.rootMessage(e))), List.of(), List.of());
        }
        if (check.model() == null || check.key() == null) {
            return check;
        }
        List<PlanProblem> problems = new ArrayList<>(check.problems());
        problems.addAll(checkNotices(check.calls()));
        problems.addAll(checkReferences(check.references()));
        return new PlanReader.PlanCheck(check.key(), check.model(), List.copyOf(problems), check.calls(),
                check.references());
    }

    /**
     * Renders every notice template the plan sends, in every locale and for every channel it names, so that a
     * broken template or a value it uses unguarded is found now and not when thousands of notices go out.
     */
    private List<PlanProblem> checkNotices(List<PlanRules.ElementCall> calls) {
        List<PlanProblem> problems = new ArrayList<>();
        Map<String, List<String>> checked = new HashMap<>();
        for (PlanRules.ElementCall call : calls) {
            if (!NOTICE_FUNCTIONS.contains(call.call().function())) {
                continue;
            }
            String template = call.call().literal(1);
            String channelList = call.call().literal(2);
            if (template == null || channelList == null) {
                problems.add(new PlanProblem(call.element(), "plan." + call.call().function() + " names its template and"
                        + " channels as text ('first-reminder', 'email,sms'), so that they can be checked before deployment"));
                continue;
            }
            List<String> channels = Arrays.stream(channelList.split(",")).map(String::strip)
                    .filter(channel -> !channel.isEmpty()).toList();
            boolean renderable = "sendNotice".equals(call.call().function());
            checked.computeIfAbsent(template + "|" + channels, ignored -> notices.check(template, channels)).stream()
                    // payment reminders render with the upcoming payment's values, which the sample debt lacks:
                    // for them only that the template exists is checked here
                    .filter(problem -> renderable || problem.contains("exists in no locale")
                            || problem.contains("is missing in the default locale"))
                    .forEach(problem -> problems.add(new PlanProblem(call.element(), problem)));
        }
        return problems;
    }

    private static final java.util.Set<String> NOTICE_FUNCTIONS = java.util.Set.of("sendNotice", "sendPaymentReminder");

    private List<PlanProblem> checkReferences(List<PlanRules.Reference> references) {
        List<PlanProblem> problems = new ArrayList<>();
        List<String> groups = null;
        for (PlanRules.Reference reference : references) {
            switch (reference.kind()) {
                case FORM -> {
                    if (files.find(FORMS, reference.value() + ".form.json").isEmpty()) {
                        problems.add(new PlanProblem(reference.element(), "form '" + reference.value()
                                + "' does not exist (forms/" + reference.value() + ".form.json)"));
                    }
                }
                case GROUP -> {
                    if (groups == null) {
                        groups = new ArrayList<>(new java.util.TreeSet<>(Teams.GROUP_OF_ROLE.values()));
                        groups.addAll(teams.allTeams());
                    }
                    if (!groups.contains(reference.value())) {
                        problems.add(new PlanProblem(reference.element(), "candidate group '" + reference.value()
                                + "' is not a group anyone works; groups are " + groups));
                    }
                }
                case USER -> {
                    if (!teams.isActiveUser(reference.value())) {
                        problems.add(new PlanProblem(reference.element(), "user '" + reference.value()
                                + "' is not an enabled user"));
                    }
                }
            }
        }
        return problems;
    }

    static String sha256(byte[] xml) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String shortName(String fileName) {
        String name = fileName == null ? "(no name)" : fileName;
        return name.length() <= 200 ? name : name.substring(0, 200);
    }

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

    /**
     * The newest version of every collection plan, by key; processes without plan data are left out. Every notice asks
     * (through the ledger's plan rules), so the answer is kept for {@link #LATEST_FRESH_FOR_NANOS}: a deployment in
     * this JVM forgets it at once ({@link DeployedDefinitions}), one on another node is seen within that time.
     */
    public List<PlanSettings> latestOfEach() {
        LatestPlans known = latestPlans;
        long deployedNow = deployed.count();
        if (known == null || known.deployed() != deployedNow
                || System.nanoTime() - known.loadedAt() > LATEST_FRESH_FOR_NANOS) {
            long loadedAt = System.nanoTime();
            known = new LatestPlans(repository.createProcessDefinitionQuery().latestVersion()
                    .orderByProcessDefinitionKey().asc().list()
                    .stream().map(this::settingsOf).flatMap(Optional::stream).toList(), loadedAt, deployedNow);
            latestPlans = known;
        }
        return known.plans();
    }

    /** A deployment committed: the next {@link #latestOfEach()} reads the plans again. */
    void forgetLatestPlans() {
        latestPlans = null;
    }

    static final long LATEST_FRESH_FOR_NANOS = 2_000_000_000L;

    private record LatestPlans(List<PlanSettings> plans, long loadedAt, long deployed) {
    }

    private volatile LatestPlans latestPlans;

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
