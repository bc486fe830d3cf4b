package dev.dunning.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskQuery;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.security.Roles;
import dev.dunning.security.Teams;
import dev.dunning.timeline.Timeline;

/**
 * Collectors', lawyers' and managers' tasks. A person sees the tasks claimed by them and the unclaimed tasks of
 * the groups they work ({@link Teams}); managers and admins may look at every open task and hand tasks to
 * someone else. Suspended cases' tasks are not shown: they wait. A task made outside a plan (the managers' review
 * of a debtor's postponement) names its customer and case in the task's local variables {@code customerId} and
 * {@code caseId}. Every claim, release, hand-over and completion is on the customer's timeline.
 */
@Service
public class Inbox {

    /** Task-local variable: when to come back to the task (the debtor asked to be called at three), ISO instant. */
    public static final String FOLLOW_UP_AT = "followUpAt";

    private final TaskService tasks;
    private final Forms forms;
    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final WorkItems items;
    private final WorkList workList;
    private final Teams teams;
    private final BusinessClock clock;

    Inbox(TaskService tasks, Forms forms, JdbcClient jdbc, Timeline timeline, ApplicationEventPublisher events,
            WorkItems items, WorkList workList, Teams teams, BusinessClock clock) {
        this.tasks = tasks;
        this.forms = forms;
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.events = events;
        this.items = items;
        this.workList = workList;
        this.teams = teams;
        this.clock = clock;
    }

    /** Someone working the inbox: a user name, their roles (without the ROLE_ prefix) and the groups they work. */
    public record Worker(String name, Set<String> roles, List<String> groups) {

        public Worker {
            roles = Set.copyOf(roles);
            groups = List.copyOf(groups);
        }

        public boolean seesAll() {
            return roles.contains(Roles.MANAGER) || roles.contains(Roles.ADMIN);
        }
    }

    /** The worker with the groups their roles and teams give them. */
    public Worker worker(String name, Set<String> roles) {
        return new Worker(name, roles, teams.groupsOf(name, roles));
    }

    /** The first tasks in priority order: everyone's for managers and admins, else mine and my groups'. */
    public List<TaskView> tasksOf(Worker worker, int limit) {
        int size = Math.max(1, Math.min(limit, InboxQuery.MAX_SIZE));
        return page(worker, worker.seesAll() ? InboxQuery.all(size) : InboxQuery.mine(size)).tasks();
    }

    public InboxPage page(Worker worker, InboxQuery query) {
        if (query.scope() == InboxQuery.Scope.ALL && !worker.seesAll()) {
            throw new AccessDeniedException("only managers and admins see every open task");
        }
        List<WorkItems.Item> rows = workList.page(query, worker.name(), worker.groups());
        boolean hasNext = rows.size() > query.size();
        return new InboxPage(describe(hasNext ? rows.subList(0, query.size()) : rows), query.page(), query.size(), hasNext);
    }

    /** One task the worker may see, as the inbox shows it. */
    public TaskView task(String taskId, Worker worker) {
        visibleTask(taskId, worker);
        return describe(List.copyOf(items.byTaskIds(List.of(taskId)).values())).stream().findFirst()
                .orElseThrow(() -> notVisible(taskId, worker));
    }

    /** Open tasks per person and unclaimed tasks per group, for managers. */
    public List<Workload> workload(Worker worker) {
        if (!worker.seesAll()) {
            throw new AccessDeniedException("only managers and admins see the team's workload");
        }
        return workList.workload(clock.now()).stream()
                .map(load -> new Workload(load.assignee(), load.group(), load.open(), load.overdue())).toList();
    }

    /** Open tasks of one person ({@code group} null) or unclaimed tasks of one group ({@code assignee} null). */
    public record Workload(String assignee, String group, int open, int overdue) {
    }

    @Transactional
    public TaskView claim(String taskId, Worker worker) {
        Task task = visibleTask(taskId, worker);
        if (task.getAssignee() != null && !task.getAssignee().equals(worker.name())) {
            throw new IllegalStateException("task " + taskId + " is already claimed by " + task.getAssignee());
        }
        if (task.getAssignee() == null) {
            tasks.claim(taskId, worker.name());
            record(task, "task-claimed", worker.name(), task.getName());
        }
        return task(taskId, worker);
    }

    /**
     * Notes when to come back to a task (the debtor asked to be called back at three), in business time; null clears it.
     * The inbox shows it, and sorting by due time puts it in its place.
     */
    @Transactional
    public void followUp(String taskId, Instant at, Worker worker) {
        Task task = visibleTask(taskId, worker);
        if (task.getAssignee() != null && !task.getAssignee().equals(worker.name()) && !worker.seesAll()) {
            throw new IllegalStateException("task " + taskId + " is claimed by " + task.getAssignee());
        }
        if (at != null && at.isBefore(clock.now())) {
            throw new IllegalArgumentException("followUpAt " + at + " is in the past (now is " + clock.now() + ")");
        }
        tasks.setVariableLocal(taskId, FOLLOW_UP_AT, at == null ? "" : at.toString());
        if (at == null) {
            items.followUp(taskId, null);
        }
        record(task, "task-follow-up", worker.name(), task.getName() + (at == null ? ": follow-up cleared" : ": follow up at " + at));
    }

    /** Gives a claimed task back to its group. */
    @Transactional
    public void unclaim(String taskId, Worker worker) {
        Task task = visibleTask(taskId, worker);
        if (task.getAssignee() == null) {
            return;
        }
        if (!task.getAssignee().equals(worker.name()) && !worker.seesAll()) {
            throw new IllegalStateException("task " + taskId + " is claimed by " + task.getAssignee());
        }
        tasks.unclaim(taskId);
        record(task, "task-released", worker.name(), task.getName() + " given back by " + task.getAssignee());
    }

    /** A manager hands a task to someone else (away, overloaded), with the reason on the timeline. */
    @Transactional
    public void reassign(String taskId, String assignee, String reason, Worker worker) {
        if (!worker.seesAll()) {
            throw new AccessDeniedException("only managers and admins hand tasks to others");
        }
        Task task = visibleTask(taskId, worker);
        if (assignee == null || assignee.isBlank() || !teams.isActiveUser(assignee.strip())) {
            throw new IllegalArgumentException("assignee '" + assignee + "' is not an active user");
        }
        String to = assignee.strip();
        tasks.setAssignee(taskId, to);
        record(task, "task-reassigned", worker.name(), task.getName() + ": " + (task.getAssignee() == null ? "unclaimed"
                : task.getAssignee()) + " -> " + to + (reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")"));
    }

    /**
     * Completes a task with form values: they are checked against the task's form and become
     * process variables, with {@code completedBy} naming the person.
     */
    @Transactional
    public void complete(String taskId, Map<String, Object> submitted, Worker worker) {
        Task task = visibleTask(taskId, worker);
        if (task.getAssignee() != null && !task.getAssignee().equals(worker.name()) && !worker.seesAll()) {
            throw new IllegalStateException("task " + taskId + " is claimed by " + task.getAssignee());
        }
        Map<String, Object> variables = new HashMap<>();
        if (task.getFormKey() != null) {
            variables.putAll(forms.read(forms.get(task.getFormKey()), submitted));
        }
        variables.put("completedBy", worker.name());
        if (task.getAssignee() == null) {
            tasks.claim(taskId, worker.name());
        }
        CaseRef ref = refOf(task);
        if (ref != null) {
            timeline.record(ref.customerId(), ref.caseId(), "task-completed", worker.name(),
                    task.getName() + ": " + describeValues(variables));
            events.publishEvent(new TaskCompleted(taskId, task.getFormKey(), ref.customerId(), ref.caseId(),
                    Collections.unmodifiableMap(new HashMap<>(variables)), worker.name()));
        }
        tasks.complete(taskId, variables);
    }

    private void record(Task task, String kind, String actor, String summary) {
        CaseRef ref = refOf(task);
        if (ref != null) {
            timeline.record(ref.customerId(), ref.caseId(), kind, actor, summary);
        }
    }

    private static String describeValues(Map<String, Object> variables) {
        List<String> parts = new ArrayList<>();
        variables.forEach((name, value) -> {
            if (!"completedBy".equals(name)) {
                parts.add(name + "=" + value);
            }
        });
        return String.join(", ", parts);
    }

    private TaskQuery visibleTo(Worker worker) {
        TaskQuery query = tasks.createTaskQuery().active();
        if (worker.seesAll()) {
            return query;
        }
        if (worker.groups().isEmpty()) {
            return query.taskAssignee(worker.name());
        }
        return query.or().taskCandidateGroupIn(worker.groups()).taskAssignee(worker.name()).endOr();
    }

    private Task visibleTask(String taskId, Worker worker) {
        Task task = visibleTo(worker).taskId(taskId).singleResult();
        if (task == null) {
            throw notVisible(taskId, worker);
        }
        return task;
    }

    private static NoSuchElementException notVisible(String taskId, Worker worker) {
        return new NoSuchElementException("no task '" + taskId + "' in the inbox of " + worker.name()
                + " (it may be done, claimed by someone else, belong to another group, or wait while its case is suspended)");
    }

    private record CaseRef(String caseId, String customerId) {
    }

    private CaseRef refOf(Task task) {
        WorkItems.Item item = items.byTaskIds(List.of(task.getId())).get(task.getId());
        return item == null || item.customerId() == null ? null : new CaseRef(item.caseId(), item.customerId());
    }

    private List<TaskView> describe(List<WorkItems.Item> rows) {
        List<String> customerIds = rows.stream().map(WorkItems.Item::customerId).filter(Objects::nonNull).distinct().toList();
        List<String> caseIds = rows.stream().map(WorkItems.Item::caseId).filter(Objects::nonNull).distinct().toList();
        Map<String, String> names = new HashMap<>();
        if (!customerIds.isEmpty()) {
            jdbc.sql("SELECT customer_id, name FROM customer WHERE customer_id IN (:ids)").param("ids", customerIds)
                    .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                    .forEach(entry -> names.put(entry.getKey(), entry.getValue()));
        }
        Map<String, String> stages = new HashMap<>();
        if (!caseIds.isEmpty()) {
            jdbc.sql("SELECT case_id, stage FROM collection_case WHERE case_id IN (:ids)").param("ids", caseIds)
                    .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list()
                    .forEach(found -> stages.put(found[0], found[1]));
        }
        Map<String, FormDefinition> formByKey = new LinkedHashMap<>();
        return rows.stream().map(item -> new TaskView(item.taskId(), item.name(), item.activityId(), item.caseId(),
                item.customerId(), names.get(item.customerId()), stages.get(item.caseId()), item.assignee(),
                item.priority(), item.amount(), item.oldestDueOn(), item.promiseDue(), item.createdAt(), item.dueAt(),
                item.followUpAt(), item.formKey() == null ? null : formByKey.computeIfAbsent(item.formKey(), forms::get)))
                .toList();
    }

    /** Business time now, for pages that tell how long ago or how soon. */
    public Instant now() {
        return clock.now();
    }
}
