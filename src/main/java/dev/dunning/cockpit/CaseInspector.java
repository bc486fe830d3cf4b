package dev.dunning.cockpit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TreeMap;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EventSubProcess;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.cases.CaseView;
import dev.dunning.cases.Cases;
import dev.dunning.ledger.SearchText;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/**
 * Cases as an admin looks into them: found by their customer's id or a part of the name, and one case with where
 * its plan is now, its process variables (read only, long values shortened), the activities it went through with
 * their times, its timeline, and its failed jobs.
 */
@Service
public class CaseInspector {

    /** Longer variable values are cut here: the cockpit shows what a value is, not all of a long one. */
    public static final int MAX_VALUE = 120;
    public static final int MAX_HISTORY = 500;
    public static final int PAGE = 50;

    private final JdbcClient jdbc;
    private final Cases cases;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final RepositoryService repository;
    private final Timeline timeline;
    private final FailedJobs failedJobs;

    CaseInspector(JdbcClient jdbc, Cases cases, RuntimeService runtime, HistoryService history,
            RepositoryService repository, Timeline timeline, FailedJobs failedJobs) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.runtime = runtime;
        this.history = history;
        this.repository = repository;
        this.timeline = timeline;
        this.failedJobs = failedJobs;
    }

    /** A case found by a search. */
    public record FoundCase(String caseId, String customerId, String customerName, String status, String stage,
            String plan, int planVersion, Instant openedAt, Instant endedAt) {
    }

    /**
     * Cases whose customer id is {@code text} or starts with it, or whose customer's name contains it (any case),
     * newest first. What is typed is matched literally ({@code %} and {@code _} are no wildcards).
     */
    public List<FoundCase> search(String text, int limit) {
        String typed = SearchText.typed("q", text);
        if (typed == null) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT c.case_id, c.customer_id, cu.name, c.status, c.stage, c.plan_key, c.plan_version, c.opened_at,
                       c.ended_at
                  FROM collection_case c JOIN customer cu ON cu.customer_id = c.customer_id
                 WHERE c.customer_id LIKE :prefix ESCAPE '\\' OR LOWER(cu.name) LIKE :name ESCAPE '\\'
                 ORDER BY c.opened_at DESC, c.case_id
                 LIMIT :limit""")
                .param("prefix", SearchText.startingWith(typed))
                .param("name", SearchText.containingAnyCase(typed))
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, row) -> {
                    OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
                    return new FoundCase(rs.getString("case_id"), rs.getString("customer_id"), rs.getString("name"),
                            rs.getString("status"), rs.getString("stage"), rs.getString("plan_key"),
                            rs.getInt("plan_version"), rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
                            ended == null ? null : ended.toInstant());
                })
                .list();
    }

    /** A process variable: its type's simple name and its value as text, cut at {@value #MAX_VALUE} characters. */
    public record Variable(String name, String type, String value, boolean shortened) {
    }

    /** One activity the case's process went through; {@code endedAt} is null while it waits there. */
    public record Step(String activityId, String activityName, String activityType, Instant startedAt, Instant endedAt,
            String assignee) {
    }

    /**
     * One case as the cockpit shows it. {@code running} is false once its process ended; {@code suspended} is
     * the process's state; {@code heldBy} names the admin who suspended it by hand; {@code currentActivities}
     * are where the process waits now.
     */
    public record CaseDetail(CaseView view, String customerName, String heldBy, boolean running, boolean suspended,
            List<String> currentActivities, List<Variable> variables, List<Step> steps, List<TimelineEvent> timeline,
            List<FailedJobs.FailedJob> failedJobs) {
    }

    @Transactional(readOnly = true)
    public CaseDetail inspect(String caseId) {
        CaseView view = cases.get(caseId);
        Owner owner = jdbc.sql("""
                SELECT cu.name, c.held_by FROM collection_case c JOIN customer cu ON cu.customer_id = c.customer_id
                 WHERE c.case_id = :id""")
                .param("id", caseId)
                .query((rs, n) -> new Owner(rs.getString(1), rs.getString(2))).single();
        String process = view.processInstanceId();
        ProcessInstance instance = process == null ? null
                : runtime.createProcessInstanceQuery().processInstanceId(process).singleResult();
        List<String> current = instance == null ? List.of() : waitingAt(instance);
        List<Variable> variables = new ArrayList<>();
        if (instance != null) {
            new TreeMap<>(runtime.getVariables(process)).forEach((name, value) -> variables.add(variable(name, value)));
        } else if (process != null) {
            history.createHistoricVariableInstanceQuery().processInstanceId(process).orderByVariableName().asc().list()
                    .forEach((HistoricVariableInstance each) -> variables.add(variable(each.getVariableName(),
                            each.getValue())));
        }
        List<Step> steps = process == null ? List.of()
                : history.createHistoricActivityInstanceQuery().processInstanceId(process)
                        .orderByHistoricActivityInstanceStartTime().asc()
                        .orderByHistoricActivityInstanceId().asc()
                        .listPage(0, MAX_HISTORY).stream()
                        .filter(step -> !"sequenceFlow".equals(step.getActivityType()))
                        .map(CaseInspector::step).toList();
        List<TimelineEvent> events = timeline.of(view.customerId()).stream()
                .filter(event -> caseId.equals(event.caseId())).toList();
        return new CaseDetail(view, owner.customerName(), owner.heldBy(), instance != null,
                instance != null && instance.isSuspended(), current, variables, steps, events,
                process == null ? List.of() : failedJobs.ofProcess(process));
    }

    /**
     * The activities the process waits at: its innermost executions' activities (an async step whose job waits or
     * failed included), without the start events of event subprocesses, which only listen for a message.
     */
    private List<String> waitingAt(ProcessInstance instance) {
        List<Execution> executions = runtime.createExecutionQuery().processInstanceId(instance.getId()).list();
        java.util.Set<String> parents = new java.util.HashSet<>();
        executions.forEach(execution -> parents.add(execution.getParentId()));
        BpmnModel model = repository.getBpmnModel(instance.getProcessDefinitionId());
        return executions.stream()
                .filter(execution -> execution.getParentId() != null && execution.getActivityId() != null
                        && !parents.contains(execution.getId()))
                .map(Execution::getActivityId)
                .filter(activity -> !(model.getMainProcess().getFlowElement(activity, true) instanceof StartEvent start
                        && start.getSubProcess() instanceof EventSubProcess))
                .distinct().sorted().toList();
    }

    private record Owner(String customerName, String heldBy) {
    }

    private static Step step(HistoricActivityInstance step) {
        return new Step(step.getActivityId(), step.getActivityName(), step.getActivityType(), instant(step.getStartTime()),
                instant(step.getEndTime()), step.getAssignee());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static Variable variable(String name, Object value) {
        String text = value == null ? "null" : String.valueOf(value);
        boolean shortened = text.length() > MAX_VALUE;
        return new Variable(name, value == null ? "null" : value.getClass().getSimpleName(),
                shortened ? text.substring(0, MAX_VALUE - 1) + "…" : text, shortened);
    }
}
