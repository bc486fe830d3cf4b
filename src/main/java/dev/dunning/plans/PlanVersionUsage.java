package dev.dunning.plans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Every version of a plan with who deployed it and when, how many cases run on it and where they wait (activity ->
 * number of cases), read from the engine's running executions in two grouped queries whatever the number of cases.
 */
@Service
public class PlanVersionUsage {

    private final RepositoryService repository;
    private final JdbcClient jdbc;

    PlanVersionUsage(RepositoryService repository, JdbcClient jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    public record Waiting(String activityId, String activityName, long cases) {
    }

    /** {@code deployedBy} is null when the deployment record does not say (plans deployed from files at start). */
    public record VersionUsage(String key, String name, int version, String processDefinitionId, String deploymentId,
            String deployedBy, Instant deployedAt, long runningCases, List<Waiting> waiting, List<String> activities) {
    }

    /** The plan's versions, newest first. */
    public List<VersionUsage> of(String key) {
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list();
        if (definitions.isEmpty()) {
            throw new NoSuchElementException("no plan '" + key + "'");
        }
        List<String> ids = definitions.stream().map(ProcessDefinition::getId).toList();
        Map<String, Long> running = new HashMap<>();
        jdbc.sql("""
                SELECT PROC_DEF_ID_, COUNT(*) FROM ACT_RU_EXECUTION
                 WHERE PARENT_ID_ IS NULL AND PROC_DEF_ID_ IN (:definitions) GROUP BY PROC_DEF_ID_""")
                .param("definitions", ids)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(entry -> running.put(entry.getKey(), entry.getValue()));
        Map<String, Map<String, Long>> waiting = new HashMap<>();
        jdbc.sql("""
                SELECT e.PROC_DEF_ID_, e.ACT_ID_, COUNT(*) FROM ACT_RU_EXECUTION e
                 WHERE e.PROC_DEF_ID_ IN (:definitions) AND e.PARENT_ID_ IS NOT NULL AND e.ACT_ID_ IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXECUTION c WHERE c.PARENT_ID_ = e.ID_)
                 GROUP BY e.PROC_DEF_ID_, e.ACT_ID_""")
                .param("definitions", ids)
                .query((rs, row) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}).list()
                .forEach(row -> waiting.computeIfAbsent((String) row[0], id -> new HashMap<>())
                        .put((String) row[1], (Long) row[2]));
        List<VersionUsage> versions = new ArrayList<>();
        for (ProcessDefinition definition : definitions) {
            Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId())
                    .singleResult();
            BpmnModel model = repository.getBpmnModel(definition.getId());
            List<Waiting> where = new ArrayList<>();
            waiting.getOrDefault(definition.getId(), Map.of()).forEach((activity, count) -> {
                if (!PlanMigrations.listensForEvent(model, activity)) {
                    FlowElement element = model.getMainProcess().getFlowElement(activity, true);
                    where.add(new Waiting(activity, element == null ? null : element.getName(), count));
                }
            });
            where.sort(java.util.Comparator.comparing(Waiting::cases).reversed().thenComparing(Waiting::activityId));
            versions.add(new VersionUsage(key, definition.getName(), definition.getVersion(), definition.getId(),
                    definition.getDeploymentId(), null,
                    deployment == null || deployment.getDeploymentTime() == null ? null
                            : deployment.getDeploymentTime().toInstant(),
                    running.getOrDefault(definition.getId(), 0L), where, activities(model)));
        }
        return versions;
    }

    /** The ids of the activities (flow nodes) of one version: what a mapping may name. */
    private static List<String> activities(BpmnModel model) {
        return model.getMainProcess()
                .findFlowElementsOfType(org.flowable.bpmn.model.FlowNode.class, true).stream()
                .map(FlowElement::getId).sorted().toList();
    }
}
