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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Every version of a plan with who deployed it and when ({@link PlanCatalog#versions}), how many cases run on it and
 * where they wait (activity -> number of cases), read from the engine's running executions in one grouped query
 * whatever the number of cases.
 */
@Service
public class PlanVersionUsage {

    private final PlanCatalog catalog;
    private final RepositoryService repository;
    private final JdbcClient jdbc;

    PlanVersionUsage(PlanCatalog catalog, RepositoryService repository, JdbcClient jdbc) {
        this.catalog = catalog;
        this.repository = repository;
        this.jdbc = jdbc;
    }

    public record Waiting(String activityId, String activityName, long cases) {
    }

    /** {@code deployedBy} is null when the deployment record does not say (plans deployed from files at start). */
    public record VersionUsage(String key, String name, int version, String processDefinitionId, String deploymentId,
            String deployedBy, Instant deployedAt, long runningCases, List<Waiting> waiting, List<String> activities) {
    }

    /** The plan's versions, newest first: the catalogue's record of each, and where its cases wait. */
    public List<VersionUsage> of(String key) {
        List<PlanVersion> versions = catalog.versions(key);
        if (versions.isEmpty()) {
            throw new NoSuchElementException("no plan '" + key + "'");
        }
        List<String> ids = versions.stream().map(PlanVersion::processDefinitionId).toList();
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
        List<VersionUsage> usage = new ArrayList<>();
        for (PlanVersion version : versions) {
            BpmnModel model = repository.getBpmnModel(version.processDefinitionId());
            List<Waiting> where = new ArrayList<>();
            waiting.getOrDefault(version.processDefinitionId(), Map.of()).forEach((activity, count) -> {
                if (!PlanMigrations.listensForEvent(model, activity)) {
                    FlowElement element = model.getMainProcess().getFlowElement(activity, true);
                    where.add(new Waiting(activity, element == null ? null : element.getName(), count));
                }
            });
            where.sort(java.util.Comparator.comparing(Waiting::cases).reversed().thenComparing(Waiting::activityId));
            usage.add(new VersionUsage(key, version.name(), version.version(), version.processDefinitionId(),
                    version.deploymentId(), version.deployedBy(), version.deployedAt(), version.runningCases(), where,
                    activities(model)));
        }
        return usage;
    }

    /** The ids of the activities (flow nodes) of one version: what a mapping may name. */
    private static List<String> activities(BpmnModel model) {
        return model.getMainProcess()
                .findFlowElementsOfType(org.flowable.bpmn.model.FlowNode.class, true).stream()
                .map(FlowElement::getId).sorted().toList();
    }
}
