package dev.dunning.cockpit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.engine.RepositoryService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.dunning.plans.PlanVersionUsage;

/**
 * The deployed plans as an admin watches them: how many cases run on each and how many of their jobs failed for
 * good, and for one version where its cases wait and where jobs failed, activity by activity. Every count is one
 * grouped query over the engine's tables, whatever the number of cases.
 */
@Service
public class PlanMonitor {

    private final RepositoryService repository;
    private final PlanVersionUsage usage;
    private final JdbcClient jdbc;

    PlanMonitor(RepositoryService repository, PlanVersionUsage usage, JdbcClient jdbc) {
        this.repository = repository;
        this.usage = usage;
        this.jdbc = jdbc;
    }

    /** One deployed plan: its newest version's name, how many versions, running cases and dead-letter jobs. */
    public record PlanOverview(String key, String name, int latestVersion, long versions, long runningCases,
            long failedJobs) {
    }

    /** Where cases wait ({@code cases}) or jobs failed ({@code failedJobs}) in one activity of a version. */
    public record ActivityCount(String activityId, String activityName, long count) {
    }

    /** One version of a plan on its diagram: the counts to lay over each activity. */
    public record VersionPicture(String key, String name, int version, String processDefinitionId, long runningCases,
            List<ActivityCount> waiting, List<ActivityCount> failed, List<PlanVersionUsage.VersionUsage> versions) {
    }

    public List<PlanOverview> plans() {
        Map<String, Long> running = countByKey("""
                SELECT d.KEY_, COUNT(*) FROM ACT_RU_EXECUTION e JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_
                 WHERE e.PARENT_ID_ IS NULL GROUP BY d.KEY_""");
        Map<String, Long> failed = countByKey("""
                SELECT d.KEY_, COUNT(*) FROM ACT_RU_DEADLETTER_JOB j JOIN ACT_RE_PROCDEF d ON d.ID_ = j.PROC_DEF_ID_
                 GROUP BY d.KEY_""");
        Map<String, Long> versions = countByKey("SELECT KEY_, COUNT(*) FROM ACT_RE_PROCDEF GROUP BY KEY_");
        return repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list()
                .stream()
                .map(definition -> new PlanOverview(definition.getKey(), definition.getName(), definition.getVersion(),
                        versions.getOrDefault(definition.getKey(), 1L), running.getOrDefault(definition.getKey(), 0L),
                        failed.getOrDefault(definition.getKey(), 0L)))
                .toList();
    }

    /** One version of a plan; the newest when {@code version} is null. */
    public VersionPicture version(String key, Integer version) {
        List<PlanVersionUsage.VersionUsage> versions = usage.of(key);
        PlanVersionUsage.VersionUsage chosen = versions.stream()
                .filter(each -> version == null || each.version() == version)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("plan '" + key + "' has no version " + version));
        List<ActivityCount> waiting = chosen.waiting().stream()
                .map(each -> new ActivityCount(each.activityId(), each.activityName(), each.cases())).toList();
        return new VersionPicture(key, chosen.name(), chosen.version(), chosen.processDefinitionId(),
                chosen.runningCases(), waiting, failedByActivity(chosen.processDefinitionId()), versions);
    }

    /** Dead-letter jobs of one process definition by the activity they belong to. */
    private List<ActivityCount> failedByActivity(String processDefinitionId) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                SELECT ELEMENT_ID_, COUNT(*) FROM ACT_RU_DEADLETTER_JOB
                 WHERE PROC_DEF_ID_ = :definition AND ELEMENT_ID_ IS NOT NULL GROUP BY ELEMENT_ID_""")
                .param("definition", processDefinitionId)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        if (counts.isEmpty()) {
            return List.of();
        }
        BpmnModel model = repository.getBpmnModel(processDefinitionId);
        List<ActivityCount> failed = new ArrayList<>();
        counts.forEach((activity, count) -> {
            FlowElement element = model.getMainProcess().getFlowElement(activity, true);
            failed.add(new ActivityCount(activity, element == null ? null : element.getName(), count));
        });
        failed.sort(Comparator.comparing(ActivityCount::count).reversed().thenComparing(ActivityCount::activityId));
        return failed;
    }

    private Map<String, Long> countByKey(String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql).query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }
}
