package dev.dunning.simulation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.FlowableListener;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.clock.BusinessClock;
import dev.dunning.contact.ContactPolicies;
import dev.dunning.files.EditableFiles;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Ledger;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanGroups;
import dev.dunning.security.Teams;
import dev.dunning.security.UserAccounts;

/**
 * Runs a plan for a sample of customers in a sandbox engine with its own simulated clock, and tells what would
 * happen: notices per channel and day, tasks per group and person, payments, cases reaching court. Nothing is sent
 * and nothing of the application's data changes: the ledger is only read (for a sample of real customers), the
 * sandbox has its own in-memory database, and the run's record in {@code plan_simulation} is all that is written.
 * <p>
 * Runs go one at a time off the request thread, each split over {@code dunning.simulation.threads} threads; a few
 * may wait their turn.
 */
@Service
public class PlanSimulations implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PlanSimulations.class);
    public static final int MAX_CUSTOMERS = 20_000;
    public static final int MAX_DAYS = 365;
    static final int MAX_WAITING = 3;
    /** Below this many customers one sandbox is quicker than two (each costs its schema's creation). */
    private static final int CUSTOMERS_PER_EXTRA_THREAD = 500;
    private static final String NAMESPACE = "https://dunning.dev/bpmn";
    private static final Set<String> DRAWN_FORMS = Set.of("call-debtor", "legal-case", "approve-write-off");
    private static final Pattern SEND_NOTICE = Pattern.compile(
            "plan\\.send(?:Notice|PaymentReminder)\\(\\s*execution\\s*,\\s*'([^']*)'");
    private static final Pattern HOURS = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final RepositoryService repository;
    private final Ledger ledger;
    private final PlanGroups groups;
    private final PlanCatalog plans;
    private final ContactPolicies contactPolicies;
    private final UserAccounts accounts;
    private final EditableFiles files;
    private final BusinessClock clock;
    private final SimulationStore store;
    private final CronExpression evaluation;
    private final String fallbackChannel;
    private final int threads;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ThreadPoolExecutor runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_WAITING), runnable -> {
                Thread thread = new Thread(runnable, "plan-simulation");
                thread.setDaemon(true);
                return thread;
            });

    PlanSimulations(RepositoryService repository, Ledger ledger, PlanGroups groups, PlanCatalog plans, ContactPolicies contactPolicies,
            UserAccounts accounts, EditableFiles files, BusinessClock clock, SimulationStore store,
            @Value("${dunning.evaluation.cron:0 0 6 * * *}") String evaluationCron,
            @Value("${dunning.notify.fallback-channel:log}") String fallbackChannel,
            @Value("${dunning.simulation.threads:2}") int threads) {
        this.repository = repository;
        this.ledger = ledger;
        this.groups = groups;
        this.plans = plans;
        this.contactPolicies = contactPolicies;
        this.accounts = accounts;
        this.files = files;
        this.clock = clock;
        this.store = store;
        this.evaluation = CronExpression.parse(evaluationCron);
        this.fallbackChannel = fallbackChannel;
        this.threads = Math.max(1, threads);
    }

    /**
     * Checks the request and queues the run; returns it as queued. The result is read with {@link #find}.
     *
     * @throws NoSuchElementException       when the plan or the version is not deployed
     * @throws InvalidSimulationException   naming every field that is wrong
     * @throws SimulationsBusyException     when {@value #MAX_WAITING} runs are already waiting
     */
    public SimulationRun start(String planKey, SimulationRequest asked, String actor) {
        SimulationRequest request = check(asked);
        Prepared prepared = prepare(planKey, request);
        String id = UUID.randomUUID().toString();
        Instant requestedAt = clock.now();
        store.insert(id, planKey, prepared.version(), prepared.fileName(), actor, requestedAt, request);
        try {
            runner.execute(() -> runInBackground(id, prepared, request));
        } catch (RejectedExecutionException e) {
            store.fail(id, "not started: " + MAX_WAITING + " simulations were already waiting", clock.now());
            throw new SimulationsBusyException(MAX_WAITING);
        }
        log.info("Simulation {} of plan {} queued by {}", id, planKey, actor);
        return store.find(planKey, id).orElseThrow();
    }

    /** A run of the plan as far as it got, with its result once done. */
    public Optional<SimulationRun> find(String planKey, String id) {
        return store.find(planKey, id);
    }

    /** The plan's latest runs, newest first, without results. */
    public List<SimulationRun> recent(String planKey) {
        return store.recent(planKey, 10);
    }

    /**
     * The request the form starts from for this plan: every default, with a chance of paying after each notice
     * template the plan sends (the shipped defaults for the shipped templates, 0 for others).
     */
    public SimulationRequest defaults(String planKey) {
        SimulationRequest defaults = new SimulationRequest(null, null, null, null, null, null, null).withDefaults();
        Prepared prepared = prepare(planKey, defaults);
        Map<String, Integer> payAfter = new LinkedHashMap<>();
        for (String template : prepared.templates()) {
            payAfter.put(template, SimulationRequest.Behaviour.DEFAULT_PAY_AFTER.getOrDefault(template, 0));
        }
        SimulationRequest.Behaviour behaviour = defaults.behaviour();
        return new SimulationRequest(defaults.version(), null,
                new SimulationRequest.Sample(defaults.sample().source(), defaults.sample().size(), prepared.group(),
                        defaults.sample().minAmount(), defaults.sample().maxAmount(), defaults.sample().emailPercent(),
                        defaults.sample().phonePercent(), defaults.sample().telegramPercent(),
                        defaults.sample().addressPercent()),
                new SimulationRequest.Behaviour(payAfter, behaviour.payWithinDays(), behaviour.callOutcomes(),
                        behaviour.promiseKeptPercent(), behaviour.promiseDays(), behaviour.disputeAcceptedPercent(),
                        behaviour.disputeFrozenDays(), behaviour.legalOutcomes(), behaviour.writeOffApprovedPercent(),
                        behaviour.workingHours(), behaviour.contactRules()),
                defaults.days(), defaults.seed(), prepared.people());
    }

    /** Runs a simulation on the calling thread: for tests and benchmarks, which want the result at once. */
    SimulationResult simulate(String planKey, SimulationRequest asked) {
        SimulationRequest request = check(asked);
        return run(prepare(planKey, request), request, () -> false, progress -> {
        });
    }

    @Override
    public void destroy() {
        stopping.set(true);
        runner.shutdownNow();
    }

    // ---- running ----

    private void runInBackground(String id, Prepared prepared, SimulationRequest request) {
        try {
            store.progress(id, SimulationRun.RUNNING, 0);
            int[] last = {-1};
            SimulationResult result = run(prepared, request, stopping::get, percent -> {
                if (percent != last[0]) {
                    last[0] = percent;
                    store.progress(id, SimulationRun.RUNNING, percent);
                }
            });
            store.finish(id, result, clock.now());
            log.info("Simulation {} of plan {} done in {} ms", id, prepared.key(), result.elapsedMillis());
        } catch (RuntimeException | Error e) {
            log.warn("Simulation {} of plan {} failed", id, prepared.key(), e);
            store.fail(id, e instanceof InvalidSimulationException || e instanceof NoSuchElementException
                    ? e.getMessage() : "the simulation failed: " + e, clock.now());
        }
    }

    private SimulationResult run(Prepared prepared, SimulationRequest request, java.util.function.BooleanSupplier cancelled,
            java.util.function.IntConsumer progress) {
        long began = System.nanoTime();
        List<SimCustomer> sample = sample(request, prepared.group());
        SimulationSetup setup = setup(prepared, request);
        int parts = Math.max(1, Math.min(threads, sample.size() / CUSTOMERS_PER_EXTRA_THREAD + 1));
        List<List<SimCustomer>> split = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            split.add(new ArrayList<>());
        }
        for (SimCustomer customer : sample) {
            split.get(customer.index % parts).add(customer);
        }
        List<Shard> shards = split.stream().map(customers -> new Shard(setup, customers, cancelled)).toList();
        Tally tally = new Tally(setup.days());
        ExecutorService pool = Executors.newFixedThreadPool(parts, runnable -> {
            Thread thread = new Thread(runnable, "plan-simulation-part");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Tally>> parts_ = shards.stream().map(shard -> pool.submit(shard::run)).toList();
            for (Future<Tally> part : parts_) {
                while (true) {
                    try {
                        tally.add(part.get(1, TimeUnit.SECONDS));
                        break;
                    } catch (java.util.concurrent.TimeoutException stillRunning) {
                        progress.accept((int) Math.floor(100 * shards.stream().mapToDouble(Shard::progress).average()
                                .orElse(0)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the simulation was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the simulation failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (cancelled.getAsBoolean()) {
            throw new IllegalStateException("the simulation was stopped: the application is shutting down");
        }
        return tally.result(prepared.key(), prepared.version(), prepared.group(),
                setup.start().atZone(setup.zone()).toLocalDate(), request.seed(), prepared.people(),
                (System.nanoTime() - began) / 1_000_000);
    }

    private SimulationSetup setup(Prepared prepared, SimulationRequest request) {
        ZoneId zone = clock.getZone();
        ZonedDateTime dayStart = clock.today().atStartOfDay(zone);
        ZonedDateTime start = evaluation.next(dayStart.minusNanos(1));
        if (start == null) {
            start = dayStart;
        }
        Matcher hours = HOURS.matcher(request.behaviour().workingHours());
        hours.matches(); // checked before
        LocalTime from = LocalTime.of(Integer.parseInt(hours.group(1)), Integer.parseInt(hours.group(2)));
        LocalTime to = LocalTime.of(Integer.parseInt(hours.group(3)), Integer.parseInt(hours.group(4)));
        return new SimulationSetup(prepared.key(), prepared.fileName(), prepared.xml(), prepared.minimumAmount(),
                prepared.stages(), prepared.initialStage(), prepared.userTasks(), prepared.forms(), request.behaviour(),
                Boolean.TRUE.equals(request.behaviour().contactRules()) ? contactPolicies.schedule(prepared.group())
                        : null,
                from, to, evaluation, fallbackChannel, zone, start.toInstant(),
                start.plusDays(request.days()).toInstant(), request.days(), request.seed());
    }

    // ---- the sample ----

    private List<SimCustomer> sample(SimulationRequest request, String group) {
        SimulationRequest.Sample sample = request.sample();
        return "ledger".equals(sample.source()) ? realCustomers(sample.size(), group, request.seed())
                : syntheticCustomers(sample, request.seed());
    }

    private static List<SimCustomer> syntheticCustomers(SimulationRequest.Sample sample, long seed) {
        List<SimCustomer> customers = new ArrayList<>(sample.size());
        BigDecimal span = sample.maxAmount().subtract(sample.minAmount());
        for (int index = 0; index < sample.size(); index++) {
            SplittableRandom draw = new SplittableRandom(seed * 7_919L + index * 31L + 17);
            BigDecimal amount = sample.minAmount().add(span.multiply(BigDecimal.valueOf(draw.nextDouble())))
                    .setScale(2, RoundingMode.HALF_UP);
            Set<String> addresses = new HashSet<>();
            if (draw.nextInt(100) < sample.emailPercent()) {
                addresses.add(SimCustomer.EMAIL);
            }
            if (draw.nextInt(100) < sample.phonePercent()) {
                addresses.add(SimCustomer.PHONE);
            }
            if (draw.nextInt(100) < sample.telegramPercent()) {
                addresses.add(SimCustomer.TELEGRAM);
            }
            if (draw.nextInt(100) < sample.addressPercent()) {
                addresses.add(SimCustomer.ADDRESS);
            }
            customers.add(new SimCustomer(index, "synthetic-" + (index + 1), amount, addresses, null, seed));
        }
        return customers;
    }

    /**
     * Up to {@code size} customers of the group with debt worth working today, picked by the seed; read through the
     * ledger's public queries only. Names and contacts stay behind: a customer is their id, real debt, which
     * channels they have an address on, and their time zone.
     */
    private List<SimCustomer> realCustomers(int size, String group, long seed) {
        if (!GROUP_NAME.matcher(group).matches()) {
            throw InvalidSimulationException.of("sample.group", "'" + group + "' is not a group name");
        }
        List<DebtSummary> worth = new ArrayList<>();
        // The group is one of the groups in the table, checked against a strict pattern: safe inside the condition.
        ledger.forEachWorthWorking("s.customer_id NOT IN (SELECT customer_id FROM customer WHERE group_name = '"
                + group + "')", worth::add);
        SplittableRandom shuffle = new SplittableRandom(seed);
        for (int i = worth.size() - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            DebtSummary swap = worth.get(i);
            worth.set(i, worth.get(j));
            worth.set(j, swap);
        }
        List<SimCustomer> customers = new ArrayList<>();
        for (DebtSummary debt : worth.subList(0, Math.min(size, worth.size()))) {
            Customer customer = ledger.customer(debt.customerId()).orElse(null);
            if (customer == null) {
                continue;
            }
            Set<String> addresses = new HashSet<>();
            if (present(customer.email())) {
                addresses.add(SimCustomer.EMAIL);
            }
            if (present(customer.phone())) {
                addresses.add(SimCustomer.PHONE);
            }
            if (present(customer.telegramChatId())) {
                addresses.add(SimCustomer.TELEGRAM);
            }
            if (present(customer.address())) {
                addresses.add(SimCustomer.ADDRESS);
            }
            customers.add(new SimCustomer(customers.size(), customer.customerId(), debt.realDebt(), addresses,
                    customer.timeZone(), seed));
        }
        return customers;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    // ---- the plan ----

    /** The plan to run and what it says about itself, read before the run starts. */
    private record Prepared(String key, Integer version, String fileName, byte[] xml, BigDecimal minimumAmount,
            Map<String, String> stages, String initialStage, Map<String, SimulationSetup.UserTaskStep> userTasks,
            Map<String, List<SimulationSetup.FormField>> forms, List<String> templates, String group,
            Map<String, Integer> people) {
    }

    private Prepared prepare(String planKey, SimulationRequest request) {
        if (request.bpmn() != null) {
            return prepareUndeployed(planKey, request);
        }
        ProcessDefinition definition = request.version() == null
                ? repository.createProcessDefinitionQuery().processDefinitionKey(planKey).latestVersion().singleResult()
                : repository.createProcessDefinitionQuery().processDefinitionKey(planKey)
                        .processDefinitionVersion(request.version()).singleResult();
        if (definition == null) {
            throw new NoSuchElementException(request.version() == null ? "no plan '" + planKey + "' is deployed"
                    : "plan '" + planKey + "' has no version " + request.version());
        }
        byte[] xml;
        try (InputStream in = repository.getProcessModel(definition.getId())) {
            xml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("plan " + planKey + " could not be read", e);
        }
        return prepare(planKey, definition.getVersion(), definition.getResourceName(), xml, read(xml),
                request);
    }

    /** A plan file not deployed yet: checked as a deployment would be, then run as it is; it stays undeployed. */
    private Prepared prepareUndeployed(String planKey, SimulationRequest request) {
        byte[] xml = request.bpmn().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String fileName = planKey + ".bpmn20.xml";
        List<Map<String, String>> problems = new ArrayList<>();
        plans.check(fileName, xml).forEach(problem -> problems.add(error("bpmn",
                (problem.element() == null ? "" : "element '" + problem.element() + "': ") + problem.message())));
        if (problems.isEmpty() && !plans.keyOf(xml).filter(planKey::equals).isPresent()) {
            problems.add(error("bpmn", "the file's process id is '" + plans.keyOf(xml).orElse("") + "', not '"
                    + planKey + "'; simulate it on the page of the plan it is"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSimulationException(problems);
        }
        return prepare(planKey, null, fileName, xml, read(xml), request);
    }

    private Prepared prepare(String planKey, Integer version, String fileName, byte[] xml, BpmnModel model,
            SimulationRequest request) {
        Process process = model.getMainProcess();
        String minimum = process.getAttributeValue(NAMESPACE, "minimumAmount");
        if (minimum == null) {
            throw InvalidSimulationException.of("plan", "'" + planKey + "' is not a collection plan (it has no"
                    + " dunning:minimumAmount); the simulation opens cases of collection plans");
        }
        Map<String, String> stages = new TreeMap<>();
        for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
            String stage = node.getAttributeValue(NAMESPACE, "stage");
            if (stage != null) {
                stages.put(node.getId(), stage);
            }
        }
        String initialStage = process.findFlowElementsOfType(StartEvent.class, false).stream()
                .map(start -> stages.get(start.getId())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        Map<String, SimulationSetup.UserTaskStep> userTasks = new TreeMap<>();
        Map<String, List<SimulationSetup.FormField>> forms = new TreeMap<>();
        for (UserTask task : process.findFlowElementsOfType(UserTask.class, true)) {
            String group = task.getCandidateGroups().isEmpty() ? "unassigned" : task.getCandidateGroups().get(0);
            userTasks.put(task.getId(), new SimulationSetup.UserTaskStep(task.getId(), group, task.getFormKey()));
            if (task.getFormKey() != null && !DRAWN_FORMS.contains(task.getFormKey())) {
                forms.put(task.getFormKey(), formFields(task.getFormKey()));
            }
        }
        Set<String> templates = new LinkedHashSet<>();
        for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
            List<String> expressions = new ArrayList<>();
            if (node instanceof ServiceTask service && service.getImplementation() != null) {
                expressions.add(service.getImplementation());
            }
            for (FlowableListener listener : node.getExecutionListeners()) {
                if (listener.getImplementation() != null) {
                    expressions.add(listener.getImplementation());
                }
            }
            for (String expression : expressions) {
                Matcher call = SEND_NOTICE.matcher(expression);
                while (call.find()) {
                    templates.add(call.group(1));
                }
            }
        }
        String group = groupFor(planKey, request.sample().group());
        Set<String> taskGroups = new LinkedHashSet<>();
        userTasks.values().forEach(step -> taskGroups.add(step.group()));
        taskGroups.add("managers"); // disputes are reviewed by managers outside the plan
        return new Prepared(planKey, version, fileName, xml, new BigDecimal(minimum.strip()), Map.copyOf(stages),
                initialStage, Map.copyOf(userTasks), Map.copyOf(forms), List.copyOf(templates), group,
                people(taskGroups, request.people()));
    }

    private static BpmnModel read(byte[] xml) {
        try {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            return new BpmnXMLConverter().convertToBpmnModel(
                    factory.createXMLStreamReader(new ByteArrayInputStream(xml), "UTF-8"));
        } catch (Exception e) {
            throw InvalidSimulationException.of("bpmn", "is not a readable BPMN file: " + e.getMessage());
        }
    }

    /** The customer group whose contact rules apply: the one asked for, else the one this is the master plan of. */
    private String groupFor(String planKey, String asked) {
        if (asked != null) {
            return asked;
        }
        return groups.names().stream().sorted().filter(name -> planKey.equals(groups.masterPlans().get(name)))
                .findFirst().orElse(groups.names().contains("individual") ? "individual"
                        : groups.names().stream().findFirst().orElse("individual"));
    }

    /** People per task group: as asked, else the enabled users whose role or team works the group. */
    private Map<String, Integer> people(Set<String> taskGroups, Map<String, Integer> asked) {
        Map<String, Integer> people = new TreeMap<>();
        List<UserAccounts.Account> enabled = asked.keySet().containsAll(taskGroups) ? List.of()
                : accounts.list().stream().filter(UserAccounts.Account::enabled).toList();
        for (String group : taskGroups) {
            Integer given = asked.get(group);
            people.put(group, given != null ? given : (int) enabled.stream()
                    .filter(account -> account.teams().contains(group) || account.roles().stream()
                            .anyMatch(role -> group.equals(Teams.GROUP_OF_ROLE.get(role))))
                    .count());
        }
        return people;
    }

    private List<SimulationSetup.FormField> formFields(String formKey) {
        Optional<org.springframework.core.io.Resource> file = files.find("forms", formKey + ".form.json");
        if (file.isEmpty()) {
            return List.of();
        }
        try (InputStream in = file.get().getInputStream()) {
            List<SimulationSetup.FormField> fields = new ArrayList<>();
            for (JsonNode field : json.readTree(in).path("fields")) {
                List<String> options = new ArrayList<>();
                field.path("options").forEach(option -> options.add(option.path("value").asText()));
                Map<String, String> requiredWhen = new LinkedHashMap<>();
                field.path("requiredWhen").fields()
                        .forEachRemaining(entry -> requiredWhen.put(entry.getKey(), entry.getValue().asText()));
                fields.add(new SimulationSetup.FormField(field.path("id").asText(), field.path("type").asText(),
                        field.path("required").asBoolean(false), List.copyOf(options), Map.copyOf(requiredWhen)));
            }
            return List.copyOf(fields);
        } catch (IOException e) {
            throw InvalidSimulationException.of("plan", "form 'forms/" + formKey + ".form.json' cannot be read: "
                    + e.getMessage());
        }
    }

    /** The choices of a form field, or empty when the form or the field is missing. */
    private List<String> choices(String formKey, String fieldId) {
        return formFields(formKey).stream().filter(field -> field.id().equals(fieldId)).findFirst()
                .map(SimulationSetup.FormField::options).orElse(List.of());
    }

    // ---- checking the request ----

    private SimulationRequest check(SimulationRequest asked) {
        SimulationRequest request = (asked == null ? new SimulationRequest(null, null, null, null, null, null, null)
                : asked).withDefaults();
        List<Map<String, String>> errors = new ArrayList<>();
        if (request.days() < 1 || request.days() > MAX_DAYS) {
            errors.add(error("days", "must be from 1 to " + MAX_DAYS + ", not " + request.days()));
        }
        SimulationRequest.Sample sample = request.sample();
        if (!List.of("synthetic", "ledger").contains(sample.source())) {
            errors.add(error("sample.source", "must be synthetic or ledger, not '" + sample.source() + "'"));
        }
        if (sample.size() < 1 || sample.size() > MAX_CUSTOMERS) {
            errors.add(error("sample.size", "must be from 1 to " + MAX_CUSTOMERS + " customers, not " + sample.size()
                    + "; a larger group is judged as well by a sample of this size"));
        }
        if (sample.group() != null && (!GROUP_NAME.matcher(sample.group()).matches()
                || !groups.names().contains(sample.group()))) {
            errors.add(error("sample.group", "'" + sample.group() + "' is not a customer group; groups are "
                    + groups.names()));
        }
        if (sample.minAmount().signum() <= 0) {
            errors.add(error("sample.minAmount", "must be above 0"));
        }
        if (sample.maxAmount().compareTo(sample.minAmount()) < 0) {
            errors.add(error("sample.maxAmount", "must not be below sample.minAmount"));
        }
        percent(errors, "sample.emailPercent", sample.emailPercent());
        percent(errors, "sample.phonePercent", sample.phonePercent());
        percent(errors, "sample.telegramPercent", sample.telegramPercent());
        percent(errors, "sample.addressPercent", sample.addressPercent());
        SimulationRequest.Behaviour behaviour = request.behaviour();
        behaviour.payPercentAfter().forEach((template, percent) ->
                percent(errors, "behaviour.payPercentAfter." + template, percent));
        range(errors, "behaviour.payWithinDays", behaviour.payWithinDays(), 0, MAX_DAYS);
        weights(errors, "behaviour.callOutcomes", behaviour.callOutcomes(), choices("call-debtor", "callOutcome"));
        percent(errors, "behaviour.promiseKeptPercent", behaviour.promiseKeptPercent());
        range(errors, "behaviour.promiseDays", behaviour.promiseDays(), 1, MAX_DAYS);
        percent(errors, "behaviour.disputeAcceptedPercent", behaviour.disputeAcceptedPercent());
        range(errors, "behaviour.disputeFrozenDays", behaviour.disputeFrozenDays(), 0, MAX_DAYS);
        weights(errors, "behaviour.legalOutcomes", behaviour.legalOutcomes(), choices("legal-case", "legalOutcome"));
        percent(errors, "behaviour.writeOffApprovedPercent", behaviour.writeOffApprovedPercent());
        Matcher hours = HOURS.matcher(behaviour.workingHours());
        if (!hours.matches() || !validHours(hours)) {
            errors.add(error("behaviour.workingHours", "'" + behaviour.workingHours()
                    + "' is not working hours such as 09:00-18:00 (from before to)"));
        }
        request.people().forEach((group, count) -> {
            if (count == null || count < 0 || count > 100_000) {
                errors.add(error("people." + group, "must be a number of people from 0 to 100000"));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidSimulationException(errors);
        }
        return request;
    }

    private static boolean validHours(Matcher hours) {
        try {
            LocalTime from = LocalTime.of(Integer.parseInt(hours.group(1)), Integer.parseInt(hours.group(2)));
            LocalTime to = LocalTime.of(Integer.parseInt(hours.group(3)), Integer.parseInt(hours.group(4)));
            return from.isBefore(to);
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static void percent(List<Map<String, String>> errors, String field, Integer value) {
        range(errors, field, value, 0, 100);
    }

    private static void range(List<Map<String, String>> errors, String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            errors.add(error(field, "must be from " + min + " to " + max + ", not " + value));
        }
    }

    private static void weights(List<Map<String, String>> errors, String field, Map<String, Integer> weights,
            List<String> known) {
        int total = 0;
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            if (!known.isEmpty() && !known.contains(weight.getKey())) {
                errors.add(error(field + "." + weight.getKey(), "is not an outcome of the form; outcomes are " + known));
            }
            if (weight.getValue() == null || weight.getValue() < 0) {
                errors.add(error(field + "." + weight.getKey(), "must be a weight of 0 or more"));
            } else {
                total += weight.getValue();
            }
        }
        if (total <= 0) {
            errors.add(error(field, "needs at least one outcome with a weight above 0"));
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
