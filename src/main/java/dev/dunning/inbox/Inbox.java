package dev.dunning.inbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.security.Roles;
import dev.dunning.timeline.Timeline;

/**
 * Collectors' and lawyers' tasks. A person sees the tasks of their groups (collectors, lawyers)
 * and their own; managers and admins see all. Suspended cases' tasks are not shown: they wait.
 * A task made outside a plan (the managers' review of a debtor's postponement) names its customer and case
 * in the task's local variables {@code customerId} and {@code caseId}.
 */
@Service
public class Inbox {

    /** Which candidate group each role works. */
    private static final Map<String, String> GROUP_OF_ROLE = Map.of(
            Roles.COLLECTOR, "collectors",
            Roles.LAWYER, "lawyers");

    private final TaskService tasks;
    private final Forms forms;
    private final JdbcClient jdbc;
    private final Timeline timeline;

    private final org.springframework.context.ApplicationEventPublisher events;

    Inbox(TaskService tasks, Forms forms, JdbcClient jdbc, Timeline timeline,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.tasks = tasks;
        this.forms = forms;
        this.jdbc = jdbc;
        this.timeline = timeline;
    }

    /** Someone working the inbox: a user name and their roles (without the ROLE_ prefix). */
    public record Worker(String name, Set<String> roles) {

        boolean seesAll() {
            return roles.contains(Roles.MANAGER) || roles.contains(Roles.ADMIN);
        }

        List<String> groups() {
            return roles.stream().map(GROUP_OF_ROLE::get).filter(java.util.Objects::nonNull).toList();
        }
    }

    public List<TaskView> tasksOf(Worker worker, int limit) {
        List<Task> found = visibleTo(worker).orderByTaskCreateTime().asc().listPage(0, Math.max(1, Math.min(limit, 500)));
        return describe(found);
    }

    @Transactional
    public TaskView claim(String taskId, Worker worker) {
        Task task = visibleTask(taskId, worker);
        if (task.getAssignee() != null && !task.getAssignee().equals(worker.name())) {
            throw new IllegalStateException("task " + taskId + " is already claimed by " + task.getAssignee());
        }
        if (task.getAssignee() == null) {
            tasks.claim(taskId, worker.name());
            CaseRef ref = refOf(task);
            if (ref != null) {
                timeline.record(ref.customerId(), ref.caseId(), "task-claimed", worker.name(), task.getName());
            }
        }
        return describe(List.of(tasks.createTaskQuery().taskId(taskId).singleResult())).get(0);
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
                    java.util.Collections.unmodifiableMap(new HashMap<>(variables)), worker.name()));
        }
        tasks.complete(taskId, variables);
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
        List<String> groups = worker.groups();
        if (groups.isEmpty()) {
            return query.taskAssignee(worker.name());
        }
        return query.or().taskCandidateGroupIn(groups).taskAssignee(worker.name()).endOr();
    }

    private Task visibleTask(String taskId, Worker worker) {
        Task task = visibleTo(worker).taskId(taskId).singleResult();
        if (task == null) {
            throw new NoSuchElementException("no task '" + taskId + "' in the inbox of " + worker.name()
                    + " (it may be done, belong to another group, or wait while its case is suspended)");
        }
        return task;
    }

    private record CaseRef(String caseId, String customerId, String stage) {
    }

    private CaseRef refOf(Task task) {
        return task.getProcessInstanceId() == null ? standaloneRef(task)
                : caseOf(List.of(task.getProcessInstanceId())).get(task.getProcessInstanceId());
    }

    /** A task outside any plan (a manager's review of a debtor's answer) names its case in local variables. */
    private CaseRef standaloneRef(Task task) {
        Map<String, Object> names = tasks.getVariablesLocal(task.getId(), List.of("customerId", "caseId"));
        if (!(names.get("customerId") instanceof String customerId)) {
            return null;
        }
        String caseId = names.get("caseId") instanceof String id ? id : null;
        String stage = caseId == null ? null : jdbc.sql("SELECT stage FROM collection_case WHERE case_id = :id")
                .param("id", caseId).query(String.class).optional().orElse(null);
        return new CaseRef(caseId, customerId, stage);
    }

    private Map<String, CaseRef> caseOf(Collection<String> processInstanceIds) {
        Map<String, CaseRef> result = new HashMap<>();
        if (processInstanceIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                SELECT process_instance_id, case_id, customer_id, stage FROM collection_case
                WHERE process_instance_id IN (:ids)""")
                .param("ids", processInstanceIds)
                .query((rs, row) -> Map.entry(rs.getString("process_instance_id"),
                        new CaseRef(rs.getString("case_id"), rs.getString("customer_id"), rs.getString("stage"))))
                .list()
                .forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }

    private List<TaskView> describe(List<Task> found) {
        Map<String, CaseRef> refs = caseOf(found.stream().map(Task::getProcessInstanceId)
                .filter(java.util.Objects::nonNull).distinct().toList());
        Map<String, FormDefinition> formByKey = new HashMap<>();
        return found.stream().map(task -> {
            CaseRef ref = task.getProcessInstanceId() == null ? standaloneRef(task) : refs.get(task.getProcessInstanceId());
            FormDefinition form = task.getFormKey() == null ? null : formByKey.computeIfAbsent(task.getFormKey(), forms::get);
            return new TaskView(task.getId(), task.getName(), task.getTaskDefinitionKey(),
                    ref == null ? null : ref.caseId(), ref == null ? null : ref.customerId(),
                    ref == null ? null : ref.stage(), task.getAssignee(), task.getCreateTime().toInstant(), form);
        }).toList();
    }
}
