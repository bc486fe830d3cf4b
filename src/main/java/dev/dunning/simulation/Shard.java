package dev.dunning.simulation;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.Process;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.job.api.JobInfo;
import org.flowable.job.service.JobServiceConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.event.FlowableActivityEvent;
import org.flowable.engine.runtime.Execution;
import org.flowable.job.api.Job;
import org.flowable.task.api.Task;

import dev.dunning.cases.PlanVariables;
import dev.dunning.contact.ContactKind;

/**
 * One part of a simulation's customers in one sandbox engine, run from start to end in simulated time. The run
 * moves its clock from one due moment to the next: a timer or an async step of the plan, a notice the contact rules
 * held back, a payment, a task a simulated person works, the daily evaluation. At each it runs everything due, as
 * the real job executor, inbox and ledger would, and counts what happened.
 * <p>
 * Customers do not share anything, so a run may be split into shards on separate threads: every random draw comes
 * from the customer's own source, and the result is the same however the customers are split.
 */
final class Shard {

    static final String MESSAGE_DEBT_PAID = "debtPaid";
    private static final int BATCH = 100;
    private static final int PAGE = 500;
    /** A plan that loops at one moment (a zero timer in a cycle) must not run for ever. */
    private static final int MAX_STEPS_PER_CUSTOMER = 2_000;
    private static final String SIMULATED_COLLECTOR = "simulated";

    /** A task a simulated person will work. */
    record TaskToWork(String taskId, String step, String group, String formKey) {
    }

    private record Event(Instant at, long sequence, Supplier<List<EngineStep>> action) {
    }

    private final SimulationSetup setup;
    private final List<SimCustomer> customers;
    private final Map<String, SimCustomer> byId = new HashMap<>();
    private final Map<String, SimCustomer> byProcess = new HashMap<>();
    private final SimulatedClock clock;
    private final Tally tally;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
            ? Long.compare(a.sequence(), b.sequence()) : a.at().compareTo(b.at()));
    private final List<Runnable> pending = new ArrayList<>();
    private final BooleanSupplier cancelled;
    private final LocalDate startDate;
    private long sequence;
    private long steps;
    private long noticeIds;
    /** The channel each queued notice went to, for plans asking how a notice went ({@code plan.sentBy}). */
    private final Map<String, String> noticeChannels = new HashMap<>();
    private long courtCases;
    private SimCustomer starting;
    private volatile double progress;

    private ProcessEngine engine;
    private RuntimeService runtime;
    private TaskService tasks;
    private ManagementService management;
    private String processDefinitionId;

    Shard(SimulationSetup setup, List<SimCustomer> customers, BooleanSupplier cancelled) {
        this.setup = setup;
        this.customers = customers;
        this.cancelled = cancelled;
        customers.forEach(customer -> byId.put(customer.customerId, customer));
        this.clock = new SimulatedClock(setup.start(), setup.zone());
        this.startDate = setup.start().atZone(setup.zone()).toLocalDate();
        this.tally = new Tally(setup.days());
    }

    SimulatedClock clock() {
        return clock;
    }

    double progress() {
        return progress;
    }

    SimCustomer customer(String customerId) {
        SimCustomer customer = byId.get(customerId);
        if (customer == null) {
            throw new IllegalStateException("no simulated customer '" + customerId + "'");
        }
        return customer;
    }

    /** Runs the shard's customers through the plan from start to end; returns what happened. */
    Tally run() {
        tally.customers = customers.size();
        if (customers.isEmpty()) {
            progress = 1;
            return tally;
        }
        SimulatedPlan plan = new SimulatedPlan(this);
        try (SandboxEngine sandbox = new SandboxEngine(clock, plan, List.of(new Listener()))) {
            engine = sandbox.engine();
            runtime = sandbox.engine().getRuntimeService();
            tasks = sandbox.engine().getTaskService();
            management = sandbox.engine().getManagementService();
            processDefinitionId = sandbox.engine().getRepositoryService().createDeployment()
                    .name(setup.fileName()).addBpmnModel(resourceName(setup.fileName()), withoutAsyncSteps(setup.xml()))
                    .deploy().getId();
            processDefinitionId = sandbox.engine().getRepositoryService().createProcessDefinitionQuery()
                    .deploymentId(processDefinitionId).singleResult().getId();
            openCases();
            scheduleEvaluation(setup.start());
            long maxSteps = (long) MAX_STEPS_PER_CUSTOMER * customers.size();
            while (!cancelled.getAsBoolean()) {
                runDue();
                if (steps > maxSteps) {
                    tally.problem("the plan did not come to rest: more than " + MAX_STEPS_PER_CUSTOMER
                            + " steps per customer; the simulation stopped at " + clock.now());
                    break;
                }
                Instant next = nextDue();
                if (next == null || !next.isBefore(setup.end())) {
                    break;
                }
                clock.moveTo(next.isBefore(clock.now()) ? clock.now() : next);
                progress = (double) Duration.between(setup.start(), clock.now()).toSeconds()
                        / Duration.between(setup.start(), setup.end()).toSeconds();
            }
        }
        for (SimCustomer customer : customers) {
            if (customer.open) {
                tally.stillOpen++;
            }
            customer.stages.forEach(stage -> tally.stagesReached.merge(stage, 1, Integer::sum));
            if (customer.stages.contains("legal")) {
                tally.legalStage++;
            }
        }
        progress = 1;
        return tally;
    }

    /**
     * The plan as the sandbox runs it: every step in the transaction of the step before. In the real engine an
     * async step is its own job so that a failed send is retried alone; here nothing is sent, the order and times of
     * the steps are the same, and running each as a separate job would only double the sandbox's work.
     */
    static BpmnModel withoutAsyncSteps(byte[] xml) {
        BpmnModel model;
        try {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            model = new BpmnXMLConverter().convertToBpmnModel(
                    factory.createXMLStreamReader(new ByteArrayInputStream(xml), "UTF-8"));
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("the plan is not readable BPMN: " + e.getMessage(), e);
        }
        for (Process process : model.getProcesses()) {
            for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
                node.setAsynchronous(false);
            }
        }
        return model;
    }

    private static String resourceName(String fileName) {
        return fileName.endsWith(".bpmn20.xml") || fileName.endsWith(".bpmn") ? fileName : fileName + ".bpmn20.xml";
    }

    // ---- the clock's round: everything due now ----

    /**
     * What an event asks of the engine: the call, and what follows in the simulated world once it succeeded. The
     * steps due at one moment run in one transaction; see {@link #runSteps}.
     */
    private record EngineStep(String step, Runnable call, Runnable after) {
    }

    private void runDue() {
        boolean worked = true;
        while (worked && !cancelled.getAsBoolean()) {
            worked = false;
            List<EngineStep> due = new ArrayList<>();
            while (!events.isEmpty() && !events.peek().at().isAfter(clock.now())) {
                due.addAll(events.poll().action().get());
                worked = true;
            }
            runSteps(due);
            List<Job> jobs = management.createJobQuery().listPage(0, PAGE);
            if (!jobs.isEmpty()) {
                runJobs(jobs, false);
                worked = true;
            }
            List<Job> timers = management.createTimerJobQuery().executable().listPage(0, PAGE);
            if (!timers.isEmpty()) {
                runJobs(timers, true);
                worked = true;
            }
        }
    }

    /**
     * Runs the engine steps due now in one transaction, which costs the sandbox far less than one each; when one
     * fails, they run again one by one, so that only the failing one fails.
     */
    private void runSteps(List<EngineStep> due) {
        if (due.isEmpty()) {
            return;
        }
        steps += due.size();
        if (due.size() > 1 && inEngine(null, false, () -> management.executeCommand(context -> {
            due.forEach(step -> step.call().run());
            return null;
        }))) {
            due.forEach(step -> step.after().run());
            return;
        }
        for (EngineStep step : due) {
            if (inEngine(step.step(), true, step.call())) {
                step.after().run();
            }
        }
    }

    /**
     * Runs the jobs due now in one transaction. When one of them fails, they run again one by one through the
     * engine's own job execution, so that only the failing one fails and is retried as the engine retries a job.
     */
    private void runJobs(List<Job> due, boolean timers) {
        steps += due.size();
        JobServiceConfiguration jobService = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobServiceConfiguration();
        boolean together = due.size() > 1 && inEngine(null, false, () -> management.executeCommand(context -> {
            for (Job job : due) {
                JobInfo runnable = timers
                        ? jobService.getJobManager().moveTimerJobToExecutableJob(
                                jobService.getTimerJobEntityManager().findById(job.getId()))
                        : jobService.getJobEntityManager().findById(job.getId());
                jobService.getJobManager().execute(runnable);
            }
            return null;
        }));
        if (together) {
            return;
        }
        for (Job job : due) {
            inEngine(job.getElementId(), true, () -> {
                if (timers) {
                    management.moveTimerToExecutableJob(job.getId());
                }
                management.executeJob(job.getId());
            });
        }
    }

    private Instant nextDue() {
        Instant next = events.isEmpty() ? null : events.peek().at();
        List<Job> timers = management.createTimerJobQuery().orderByJobDuedate().asc().listPage(0, 1);
        if (!timers.isEmpty() && timers.get(0).getDuedate() != null) {
            Instant timer = timers.get(0).getDuedate().toInstant();
            next = next == null || timer.isBefore(next) ? timer : next;
        }
        return next;
    }

    /** Something happens at {@code at} in the simulated world, and may ask the engine for steps. */
    private void schedule(Instant at, Supplier<List<EngineStep>> action) {
        events.add(new Event(at, sequence++, action));
    }

    /** Something happens at {@code at} that needs no engine. */
    private void scheduleWorld(Instant at, Runnable action) {
        schedule(at, () -> {
            action.run();
            return List.of();
        });
    }

    /**
     * Calls the engine; what the plan's functions and the listener did to the simulated world takes effect only
     * when the call succeeded, as their real counterparts' writes commit with the engine's transaction.
     */
    private boolean inEngine(String step, boolean reportFailure, Runnable call) {
        pending.clear();
        try {
            call.run();
        } catch (RuntimeException e) {
            pending.clear();
            if (reportFailure) {
                tally.problem((step == null ? "the engine" : "step " + step) + ": " + rootMessage(e));
            }
            return false;
        }
        List<Runnable> effects = List.copyOf(pending);
        pending.clear();
        effects.forEach(Runnable::run);
        return true;
    }

    private void later(Runnable effect) {
        pending.add(effect);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 299) + "…" : message;
    }

    private int day() {
        return (int) ChronoUnit.DAYS.between(startDate, clock.today());
    }

    // ---- cases ----

    private void openCases() {
        List<SimCustomer> worth = customers.stream()
                .filter(customer -> customer.debt.compareTo(setup.minimumAmount()) >= 0).toList();
        for (int from = 0; from < worth.size(); from += BATCH) {
            List<SimCustomer> batch = worth.subList(from, Math.min(worth.size(), from + BATCH));
            if (!inEngine(null, false, () -> management.executeCommand(context -> {
                batch.forEach(this::start);
                return null;
            }))) {
                // One customer's start failed the batch: start them one by one to keep the others.
                batch.forEach(this::forgetStart);
                batch.forEach(customer -> {
                    if (!inEngine("start", true, () -> start(customer))) {
                        forgetStart(customer);
                    }
                });
            }
        }
        for (SimCustomer customer : worth) {
            if (customer.processInstanceId != null) {
                tally.casesOpened++;
                tally.debtInWork = tally.debtInWork.add(customer.debt);
            }
        }
    }

    private void start(SimCustomer customer) {
        starting = customer;
        customer.open = true;
        customer.openedAt = clock.now();
        if (setup.initialStage() != null) {
            customer.stages.add(setup.initialStage());
        }
        try {
            customer.processInstanceId = runtime.createProcessInstanceBuilder()
                    .processDefinitionId(processDefinitionId)
                    .businessKey("sim-" + customer.index)
                    .variable(PlanVariables.CUSTOMER_ID, customer.customerId)
                    // upcoming-payment plans remind before a due date: a week ahead in the sandbox
                    .variable(SimulatedPlan.DUE_ON, clock.today().plusDays(7))
                    .start().getId();
            byProcess.put(customer.processInstanceId, customer);
        } finally {
            starting = null;
        }
    }

    /** The start was rolled back: the customer has no case. */
    private void forgetStart(SimCustomer customer) {
        if (customer.processInstanceId != null) {
            byProcess.remove(customer.processInstanceId);
        }
        customer.processInstanceId = null;
        customer.open = false;
        customer.openedAt = null;
        customer.stages.clear();
    }

    /** Soon (in this round) the case is brought in step with the simulated money. */
    private void reconcileNow(SimCustomer customer) {
        schedule(clock.now(), () -> reconcile(customer));
    }

    /**
     * Keeps the case in step with the simulated money, as CaseLifecycle does with the ledger's: suspended while too
     * little is left to work, resumed when enough is again. (A paid debt settles the case at once, see payAt.)
     */
    private List<EngineStep> reconcile(SimCustomer customer) {
        if (!customer.open || customer.paid) {
            return List.of();
        }
        boolean worth = customer.conditionalDebt(clock.today()).compareTo(setup.minimumAmount()) >= 0;
        // The flags change at once, so that a second look in the same round asks the engine for nothing more.
        if (!worth && !customer.suspended) {
            customer.suspended = true;
            return List.of(new EngineStep("suspend", () -> runtime.suspendProcessInstanceById(customer.processInstanceId),
                    () -> {
                    }));
        }
        if (worth && customer.suspended) {
            customer.suspended = false;
            List<TaskToWork> parked = List.copyOf(customer.parked);
            customer.parked.clear();
            return List.of(new EngineStep("resume", () -> runtime.activateProcessInstanceById(customer.processInstanceId),
                    () -> {
                        Instant at = nextWorkingHour(clock.now());
                        parked.forEach(task -> schedule(at, () -> work(customer, task)));
                    }));
        }
        return List.of();
    }

    /** The debt is paid: the case ends as settled, its unsent notices are cancelled, the plan hears {@code debtPaid}. */
    private EngineStep settle(SimCustomer customer) {
        customer.open = false;
        customer.settled = true;
        customer.noticeEpoch++;
        tally.caseEnded(day());
        boolean suspended = customer.suspended;
        customer.suspended = false;
        return new EngineStep("settle", () -> {
            if (suspended) {
                runtime.activateProcessInstanceById(customer.processInstanceId);
            }
            Execution waiting = runtime.createExecutionQuery().processInstanceId(customer.processInstanceId)
                    .messageEventSubscriptionName(MESSAGE_DEBT_PAID).singleResult();
            if (waiting != null) {
                runtime.messageEventReceived(MESSAGE_DEBT_PAID, waiting.getId());
            } else {
                runtime.deleteProcessInstance(customer.processInstanceId, "debt paid");
            }
        }, () -> {
        });
    }

    private void scheduleEvaluation(Instant after) {
        ZonedDateTime next = setup.evaluation().next(after.atZone(setup.zone()));
        if (next != null && next.toInstant().isBefore(setup.end())) {
            schedule(next.toInstant(), () -> {
                List<EngineStep> changes = new ArrayList<>();
                customers.forEach(customer -> changes.addAll(reconcile(customer)));
                scheduleEvaluation(clock.now());
                return changes;
            });
        }
    }

    // ---- what the plan's functions do (through SimulatedPlan) ----

    String queueNotice(SimCustomer customer, String template, List<String> channels) {
        String channel = channels.stream().filter(candidate -> reaches(customer, candidate)).findFirst()
                .orElse(setup.fallbackChannel());
        int epoch = customer.noticeEpoch;
        later(() -> deliver(customer, template, channel, epoch));
        String noticeId = "sim-notice-" + (++noticeIds);
        noticeChannels.put(noticeId, channel);
        return noticeId;
    }

    /** The channel a notice of this run was queued on, if it is one of this run's. */
    Optional<String> channelOf(String noticeId) {
        return Optional.ofNullable(noticeChannels.get(noticeId));
    }

    private static boolean reaches(SimCustomer customer, String channel) {
        return switch (channel) {
            case "email" -> customer.addresses.contains(SimCustomer.EMAIL);
            case "sms", "voice", "messenger" -> customer.addresses.contains(SimCustomer.PHONE);
            case "telegram" -> customer.addresses.contains(SimCustomer.TELEGRAM);
            case "letter" -> customer.addresses.contains(SimCustomer.ADDRESS);
            default -> false;
        };
    }

    private static ContactKind kindOf(String channel) {
        return switch (channel) {
            case "voice" -> ContactKind.CALL;
            case "letter" -> ContactKind.LETTER;
            case "log" -> ContactKind.NONE;
            default -> ContactKind.MESSAGE;
        };
    }

    /** A notice goes out now, or when the contact rules allow; one the case no longer wants is cancelled. */
    private void deliver(SimCustomer customer, String template, String channel, int epoch) {
        if (customer.noticeEpoch != epoch) {
            tally.cancelledNotices++;
            return;
        }
        ContactKind kind = kindOf(channel);
        List<Instant> earlier = kind == ContactKind.CALL ? customer.calls
                : kind == ContactKind.MESSAGE ? customer.messages : List.of();
        if (setup.contactRules() != null && (kind == ContactKind.CALL || kind == ContactKind.MESSAGE)) {
            Instant since = clock.now().minus(Duration.ofDays(31));
            earlier.removeIf(contact -> contact.isBefore(since));
            Instant allowed = setup.contactRules().earliest(kind, customer.timeZone, clock.now(), earlier,
                    customer.lastConversation);
            if (allowed.isAfter(clock.now())) {
                tally.deferredNotices++;
                scheduleWorld(allowed, () -> deliver(customer, template, channel, epoch));
                return;
            }
        }
        if (kind == ContactKind.CALL || kind == ContactKind.MESSAGE) {
            earlier.add(clock.now());
        }
        tally.notice(day(), channel, template);
        int percent = setup.behaviour().payPercentAfter().getOrDefault(template, 0);
        if (!customer.paid && customer.chance(percent)) {
            payWithin(customer, clock.now(), Duration.ofDays(setup.behaviour().payWithinDays()));
        }
    }

    /**
     * The customer pays the whole debt at an even chance anywhere in the window after {@code from}, booked on the
     * full hour (as payment files arrive in batches; it also lets the sandbox settle a moment's cases together).
     */
    private void payWithin(SimCustomer customer, Instant from, Duration window) {
        long seconds = Math.max(60, window.toSeconds());
        Instant at = from.plusSeconds(60 + customer.random.nextLong(seconds)).truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofHours(1));
        payAt(customer, at);
    }

    private void payAt(SimCustomer customer, Instant at) {
        if (customer.paid || customer.paymentAt != null && !at.isBefore(customer.paymentAt)) {
            return;
        }
        customer.paymentAt = at;
        schedule(at, () -> {
            if (customer.paid || !at.equals(customer.paymentAt)) {
                return List.of();
            }
            // The money is there whatever the engine does with it.
            customer.paid = true;
            customer.paidAt = clock.now();
            if (customer.openedAt != null && customer.open) {
                tally.payment(day(), customer.debt,
                        Duration.between(customer.openedAt, clock.now()).toMinutes() / (24.0 * 60));
                return List.of(settle(customer));
            }
            return List.of();
        });
    }

    void freeze(SimCustomer customer, String kind, BigDecimal amount, LocalDate until) {
        later(() -> {
            customer.freezes.add(new SimCustomer.Freeze(kind, amount, until));
            reconcileNow(customer);
        });
    }

    /** A dispute freezes the amount and the managers review it at their next working hour. */
    String dispute(SimCustomer customer, BigDecimal amount) {
        SimCustomer.Freeze freeze = new SimCustomer.Freeze("dispute", amount, null);
        later(() -> {
            customer.freezes.add(freeze);
            reconcileNow(customer);
            schedule(nextWorkingHour(clock.now()), () -> reviewDispute(customer, freeze));
        });
        return "sim-freeze-" + customer.index + "-" + customer.freezes.size();
    }

    private List<EngineStep> reviewDispute(SimCustomer customer, SimCustomer.Freeze freeze) {
        tally.task(day(), "managers", "reviewDispute");
        if (customer.chance(setup.behaviour().disputeAcceptedPercent())) {
            freeze.until = clock.today().plusDays(setup.behaviour().disputeFrozenDays());
        } else {
            freeze.lifted = true;
        }
        return reconcile(customer);
    }

    void countCallOutcome(String outcome) {
        later(() -> tally.callOutcomes.merge(outcome, 1L, Long::sum));
    }

    void countLegalOutcome(SimCustomer customer, String outcome) {
        later(() -> {
            tally.legalOutcomes.merge(outcome, 1L, Long::sum);
            if ("filed-to-court".equals(outcome) && !customer.filedToCourt) {
                customer.filedToCourt = true;
                tally.filedToCourt++;
            } else if ("judgment".equals(outcome)) {
                tally.judgments++;
            }
        });
    }

    void writeOff(SimCustomer customer) {
        later(() -> {
            tally.writtenOff++;
            customer.noticeEpoch++;
        });
    }

    // ---- simulated people ----

    /** The next full hour in working hours (Monday to Friday, the company's zone) after {@code after}. */
    Instant nextWorkingHour(Instant after) {
        ZonedDateTime candidate = after.atZone(setup.zone()).truncatedTo(ChronoUnit.HOURS).plusHours(1);
        for (int hour = 0; hour < 24 * 15; hour++) {
            DayOfWeek weekday = candidate.getDayOfWeek();
            if (weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY) {
                LocalTime time = candidate.toLocalTime();
                if (time.isBefore(setup.workFrom()) && candidate.with(setup.workFrom()).toInstant().isAfter(after)) {
                    return candidate.with(setup.workFrom()).toInstant();
                }
                if (!time.isBefore(setup.workFrom()) && time.isBefore(setup.workTo())) {
                    return candidate.toInstant();
                }
            }
            candidate = candidate.plusHours(1);
        }
        return candidate.toInstant();
    }

    private List<EngineStep> work(SimCustomer customer, TaskToWork task) {
        if (!customer.open) {
            return List.of(); // the case ended; its tasks went with it
        }
        if (customer.suspended) {
            customer.parked.add(task);
            return List.of();
        }
        Map<String, Object> values = answers(customer, task);
        return List.of(new EngineStep(task.step(), () -> {
            try {
                tasks.complete(task.taskId(), values);
            } catch (FlowableObjectNotFoundException gone) {
                // completed or removed meanwhile (a boundary timer, the debt paid): nothing to work
            }
        }, () -> worked(customer, task, values)));
    }

    /** After a simulated person worked a task: counted, and what the debtor does next follows. */
    private void worked(SimCustomer customer, TaskToWork task, Map<String, Object> values) {
        tally.task(day(), task.group(), task.step());
        if ("call-debtor".equals(task.formKey())) {
            customer.calls.add(clock.now());
            Object outcome = values.get(PlanVariables.CALL_OUTCOME);
            if (!"no-answer".equals(outcome) && !"wrong-number".equals(outcome)) {
                customer.lastConversation = clock.now();
            }
            if ("promised".equals(outcome) && customer.chance(setup.behaviour().promiseKeptPercent())) {
                LocalDate promisedOn = (LocalDate) values.get(PlanVariables.PROMISED_ON);
                Instant latest = promisedOn.atTime(setup.workTo()).atZone(setup.zone()).toInstant();
                payWithin(customer, clock.now(), Duration.between(clock.now(), latest).minusHours(2));
            }
        }
        if ("paid-after-claim".equals(values.get(PlanVariables.LEGAL_OUTCOME))) {
            payWithin(customer, clock.now(), Duration.ofDays(setup.behaviour().payWithinDays()));
        }
    }

    /** What a simulated person enters in the task's form: drawn from the behaviour, or the form's first choices. */
    private Map<String, Object> answers(SimCustomer customer, TaskToWork task) {
        Map<String, Object> values = new LinkedHashMap<>();
        SimulationRequest.Behaviour behaviour = setup.behaviour();
        LocalDate today = clock.today();
        switch (task.formKey() == null ? "" : task.formKey()) {
            case "call-debtor" -> {
                String outcome = draw(customer, behaviour.callOutcomes());
                values.put(PlanVariables.CALL_OUTCOME, outcome);
                if ("promised".equals(outcome)) {
                    values.put(PlanVariables.PROMISED_ON,
                            today.plusDays(1 + customer.random.nextInt(Math.max(1, behaviour.promiseDays()))));
                } else if ("disputes".equals(outcome)) {
                    values.put(PlanVariables.DISPUTE_REASON, "simulated dispute");
                }
            }
            case "legal-case" -> {
                String outcome = draw(customer, behaviour.legalOutcomes());
                if ("judgment".equals(outcome) && !customer.filedToCourt) {
                    outcome = "filed-to-court"; // a court judges only what was filed
                }
                values.put(PlanVariables.LEGAL_OUTCOME, outcome);
                if ("filed-to-court".equals(outcome)) {
                    values.put("courtCaseNumber", "SIM-" + (++courtCases));
                } else if ("judgment".equals(outcome)) {
                    values.put("judgmentOn", today);
                    values.put("awardedAmount", customer.debt);
                }
            }
            case "approve-write-off" -> {
                boolean approve = customer.chance(behaviour.writeOffApprovedPercent());
                values.put(PlanVariables.WRITE_OFF_DECISION, approve ? "approve" : "reject");
                if (!approve) {
                    values.put(PlanVariables.WRITE_OFF_NOTE, "simulated rejection");
                }
            }
            default -> fillIn(customer, task, values, today);
        }
        values.put(PlanVariables.COMPLETED_BY, SIMULATED_COLLECTOR);
        return values;
    }

    private void fillIn(SimCustomer customer, TaskToWork task, Map<String, Object> values, LocalDate today) {
        List<SimulationSetup.FormField> fields = task.formKey() == null ? List.of()
                : setup.forms().getOrDefault(task.formKey(), List.of());
        for (SimulationSetup.FormField field : fields) {
            if ("choice".equals(field.type()) && !field.options().isEmpty()) {
                values.put(field.id(), field.options().get(0));
            }
        }
        for (SimulationSetup.FormField field : fields) {
            boolean requiredNow = field.required() || field.requiredWhen() != null && !field.requiredWhen().isEmpty()
                    && field.requiredWhen().entrySet().stream()
                            .allMatch(when -> when.getValue().equals(String.valueOf(values.get(when.getKey()))));
            if (!requiredNow || values.containsKey(field.id())) {
                continue;
            }
            switch (field.type()) {
                case "date" -> values.put(field.id(), today.plusDays(7));
                case "amount" -> values.put(field.id(), customer.debt);
                default -> values.put(field.id(), "simulated");
            }
        }
    }

    private static String draw(SimCustomer customer, Map<String, Integer> weights) {
        int total = weights.values().stream().mapToInt(weight -> Math.max(0, weight)).sum();
        int pick = customer.random.nextInt(Math.max(1, total));
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            pick -= Math.max(0, entry.getValue());
            if (pick < 0) {
                return entry.getKey();
            }
        }
        return weights.keySet().iterator().next();
    }

    /** The sandbox's events: new tasks go to simulated people, stages are noted, ended plans end their cases. */
    private final class Listener implements FlowableEventListener {

        @Override
        public void onEvent(FlowableEvent event) {
            if (event.getType() == FlowableEngineEventType.TASK_CREATED
                    && event instanceof FlowableEngineEntityEvent created && created.getEntity() instanceof Task task) {
                SimCustomer customer = customerOf(task.getProcessInstanceId());
                SimulationSetup.UserTaskStep step = setup.userTasks().get(task.getTaskDefinitionKey());
                if (customer == null) {
                    return;
                }
                TaskToWork work = new TaskToWork(task.getId(), task.getTaskDefinitionKey(),
                        step == null ? "unassigned" : step.group(), step == null ? task.getFormKey() : step.formKey());
                later(() -> schedule(nextWorkingHour(clock.now()), () -> work(customer, work)));
            } else if (event.getType() == FlowableEngineEventType.ACTIVITY_STARTED
                    && event instanceof FlowableActivityEvent activity) {
                String stage = setup.stages().get(activity.getActivityId());
                SimCustomer customer = stage == null ? null : customerOf(activity.getProcessInstanceId());
                if (customer != null) {
                    later(() -> customer.stages.add(stage));
                }
            } else if (event.getType() == FlowableEngineEventType.PROCESS_COMPLETED
                    && event instanceof FlowableEngineEntityEvent ended) {
                SimCustomer customer = customerOf(ended.getProcessInstanceId());
                if (customer != null) {
                    later(() -> {
                        if (customer.open) {
                            customer.open = false; // the plan ended the case (a write-off)
                            tally.caseEnded(day());
                        }
                    });
                }
            }
        }

        private SimCustomer customerOf(String processInstanceId) {
            SimCustomer customer = processInstanceId == null ? null : byProcess.get(processInstanceId);
            return customer != null ? customer : starting;
        }

        @Override
        public boolean isFailOnException() {
            return true;
        }

        @Override
        public boolean isFireOnTransactionLifecycleEvent() {
            return false;
        }

        @Override
        public String getOnTransaction() {
            return null;
        }
    }
}
