package dev.dunning.plans;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.engine.ProcessMigrationService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.migration.ActivityMigrationMapping;
import org.flowable.engine.migration.ProcessInstanceMigrationBuilder;
import org.flowable.engine.migration.ProcessInstanceMigrationValidationResult;
import org.flowable.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.timeline.Timeline;

/**
 * Moves running cases from one version of a plan to another with Flowable's process migration.
 * <p>
 * The preview says for every case where it waits now and where it lands, and which cases cannot go and why: an
 * activity the target version lacks and no mapping covers, or whatever Flowable's own validation finds. A migration
 * whose preview refuses a case is not applied at all; the analyst adds a mapping or leaves those cases out.
 * <p>
 * Applying runs in batches of {@value #BATCH} cases, one transaction each (the process, the case row and its
 * timeline entry commit together), and counts its progress in {@code plan_migration} after every batch, so another
 * request, on any node, can read how far it is. A batch that fails is retried case by case, so one broken case does
 * not hold back the other 499. Synchronous on purpose: it needs no job executor settings, behaves the same on H2 and
 * PostgreSQL, and a node that dies mid-way leaves committed batches migrated and the rest on the old version (the
 * same request again migrates what is left).
 */
@Service
public class PlanMigrations {

    private static final Logger log = LoggerFactory.getLogger(PlanMigrations.class);
    static final int BATCH = 500;
    static final String CASE_MIGRATED = "case-migrated";
    static final String CASES_MIGRATED = "plan-cases-migrated";

    private final RepositoryService repository;
    private final ProcessMigrationService migrations;
    private final org.flowable.engine.ManagementService management;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Timeline timeline;
    private final BusinessClock clock;

    PlanMigrations(RepositoryService repository, ProcessMigrationService migrations,
            org.flowable.engine.ManagementService management, JdbcClient jdbc,
            PlatformTransactionManager transactionManager, Timeline timeline, BusinessClock clock) {
        this.repository = repository;
        this.migrations = migrations;
        this.management = management;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Where one execution of a case waits now and where the migration puts it. */
    public record Move(String from, String to) {
    }

    /** One case in the preview. */
    public record CaseLanding(String caseId, String customerId, String processInstanceId, List<Move> moves,
            boolean migratable, List<String> reasons) {
    }

    /** How many cases the preview covers, how many can go, and how many land where ("from -> to": count). */
    public record Summary(int cases, int migratable, int refused, Map<String, Integer> landings) {
    }

    public record Preview(String planKey, int fromVersion, int toVersion, Map<String, String> mappings,
            List<CaseLanding> cases, Summary summary) {

        public boolean applicable() {
            return summary.refused() == 0 && summary.migratable() > 0;
        }
    }

    public record Failure(String caseId, String reason) {
    }

    /** A migration as it runs or ran. */
    public record Progress(String migrationId, String planKey, int fromVersion, int toVersion, String mappings,
            String status, int total, int migrated, int failed, String requestedBy, Instant startedAt,
            Instant finishedAt, List<Failure> failures) {
    }

    /** The running cases of the from-version (or the listed ones), each with where it would land. */
    public Preview preview(String planKey, MigrationRequest request) {
        Versions versions = versions(planKey, request);
        List<CaseLanding> rows = land(versions, request, scope(versions, request));
        return new Preview(planKey, versions.from().getVersion(), versions.to().getVersion(), request.mappings(), rows,
                summarize(rows));
    }

    /**
     * Migrates the previewed cases in batches and returns the outcome. Refused (422) when the preview refuses any
     * case, or finds none to migrate.
     */
    public Progress apply(String planKey, MigrationRequest request, String actor) {
        Preview preview = preview(planKey, request);
        List<CaseLanding> refused = preview.cases().stream().filter(row -> !row.migratable()).toList();
        if (!refused.isEmpty()) {
            throw new InvalidMigrationException(refused.size() + " of " + preview.cases().size()
                    + " cases cannot be migrated from " + planKey + " v" + preview.fromVersion() + " to v"
                    + preview.toVersion() + "; nothing was migrated (map their activities or leave them out)",
                    refused.stream().limit(100).map(row -> new InvalidMigrationException.Problem(row.caseId(),
                            String.join("; ", row.reasons()))).toList());
        }
        if (preview.cases().isEmpty()) {
            throw new InvalidMigrationException("no running case of " + planKey + " v" + preview.fromVersion()
                    + " to migrate", List.of(new InvalidMigrationException.Problem("fromVersion",
                            "no running case on version " + preview.fromVersion())));
        }
        Versions versions = versions(planKey, request);
        String migrationId = UUID.randomUUID().toString();
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                INSERT INTO plan_migration (migration_id, plan_key, from_version, to_version, mappings, requested_by,
                                            started_at, status, total, migrated, failed)
                VALUES (:id, :plan, :from, :to, :mappings, :actor, :at, 'running', :total, 0, 0)""")
                .param("id", migrationId).param("plan", planKey)
                .param("from", preview.fromVersion()).param("to", preview.toVersion())
                .param("mappings", truncate(request.mappingsText(), 4000)).param("actor", actor).param("at", now())
                .param("total", preview.cases().size()).update());
        List<CaseRef> all = preview.cases().stream()
                .map(row -> new CaseRef(row.caseId(), row.customerId(), row.processInstanceId())).toList();
        int migrated = 0;
        List<Failure> failures = new ArrayList<>();
        try {
            for (int from = 0; from < all.size(); from += BATCH) {
                List<CaseRef> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                BatchOutcome outcome = migrateBatch(migrationId, versions, request, batch, actor);
                migrated += outcome.migrated();
                failures.addAll(outcome.failures());
            }
        } catch (RuntimeException e) {
            int done = migrated;
            ownTransaction.executeWithoutResult(status -> finish(migrationId, planKey, preview, request, actor,
                    "failed", done, all.size() - done, e.getMessage()));
            throw e;
        }
        int done = migrated;
        int failed = failures.size();
        ownTransaction.executeWithoutResult(status -> finish(migrationId, planKey, preview, request, actor,
                "finished", done, failed, null));
        log.info("Migration {} of plan {} v{} -> v{}: {} migrated, {} failed", migrationId, planKey,
                preview.fromVersion(), preview.toVersion(), done, failed);
        Progress progress = progress(planKey, migrationId);
        return new Progress(progress.migrationId(), progress.planKey(), progress.fromVersion(), progress.toVersion(),
                progress.mappings(), progress.status(), progress.total(), progress.migrated(), progress.failed(),
                progress.requestedBy(), progress.startedAt(), progress.finishedAt(), List.copyOf(failures));
    }

    /** One migration, also while it runs (failures are only in the answer of the request that applied it). */
    public Progress progress(String planKey, String migrationId) {
        return jdbc.sql("SELECT * FROM plan_migration WHERE migration_id = :id AND plan_key = :plan")
                .param("id", migrationId).param("plan", planKey)
                .query(PlanMigrations::progressOf).optional()
                .orElseThrow(() -> new NoSuchElementException("no migration '" + migrationId + "' of plan '" + planKey + "'"));
    }

    /** The plan's migrations, newest first. */
    public List<Progress> history(String planKey) {
        return jdbc.sql("SELECT * FROM plan_migration WHERE plan_key = :plan ORDER BY started_at DESC, migration_id LIMIT 50")
                .param("plan", planKey).query(PlanMigrations::progressOf).list();
    }

    private record CaseRef(String caseId, String customerId, String processInstanceId) {
    }

    private record BatchOutcome(int migrated, List<Failure> failures) {
    }

    private record Versions(ProcessDefinition from, ProcessDefinition to, BpmnModel fromModel, BpmnModel toModel) {
    }

    private BatchOutcome migrateBatch(String migrationId, Versions versions, MigrationRequest request,
            List<CaseRef> batch, String actor) {
        try {
            return ownTransaction.execute(status -> migrateTogether(migrationId, versions, request, batch, actor));
        } catch (RuntimeException e) {
            // One case spoiled the batch's transaction: try each on its own so the others still go.
            log.warn("Migration {}: a batch of {} cases failed ({}); migrating them one by one", migrationId,
                    batch.size(), e.getClass().getSimpleName());
            int migrated = 0;
            List<Failure> failures = new ArrayList<>();
            for (CaseRef one : batch) {
                try {
                    BatchOutcome outcome = ownTransaction.execute(status ->
                            migrateTogether(migrationId, versions, request, List.of(one), actor));
                    migrated += outcome.migrated();
                    failures.addAll(outcome.failures());
                } catch (RuntimeException single) {
                    failures.add(new Failure(one.caseId(), reason(single)));
                    ownTransaction.executeWithoutResult(status -> count(migrationId, 0, 1));
                }
            }
            return new BatchOutcome(migrated, failures);
        }
    }

    /** In one transaction: checks each case again (it may have moved since the preview), migrates the good ones. */
    private BatchOutcome migrateTogether(String migrationId, Versions versions, MigrationRequest request,
            List<CaseRef> batch, String actor) {
        Map<String, List<String>> waiting = waitingActivities(versions.from().getId(),
                batch.stream().map(CaseRef::processInstanceId).toList());
        List<Failure> failures = new ArrayList<>();
        List<Timeline.Entry> entries = new ArrayList<>();
        List<String> migratedCases = new ArrayList<>();
        for (CaseRef ref : batch) {
            List<String> activities = waiting.get(ref.processInstanceId());
            if (activities == null) {
                failures.add(new Failure(ref.caseId(), "no longer running on version " + versions.from().getVersion()));
                continue;
            }
            // Flowable's validation ran in the preview and runs again inside migrate(), which throws when invalid
            // (the batch is then retried case by case); here only the activities are checked again.
            CaseLanding landing = landing(versions, request, ref, activities, false);
            if (!landing.migratable()) {
                failures.add(new Failure(ref.caseId(), String.join("; ", landing.reasons())));
                continue;
            }
            Map<String, java.util.Date> dueBefore = timersDue(ref.processInstanceId());
            builder(versions, request).migrate(ref.processInstanceId());
            keepTimersDue(ref.processInstanceId(), landing.moves(), dueBefore);
            migratedCases.add(ref.caseId());
            entries.add(new Timeline.Entry(ref.customerId(), ref.caseId(), CASE_MIGRATED, actor,
                    truncate(versions.from().getKey() + " v" + versions.from().getVersion() + " -> v"
                            + versions.to().getVersion() + ": " + landing.moves().stream()
                            .map(move -> move.from().equals(move.to()) ? move.from() : move.from() + " -> " + move.to())
                            .collect(Collectors.joining(", ")) + " (migration " + migrationId + ")", 1000)));
        }
        if (!migratedCases.isEmpty()) {
            jdbc.sql("UPDATE collection_case SET plan_version = :version WHERE case_id IN (:ids)")
                    .param("version", versions.to().getVersion()).param("ids", migratedCases).update();
            timeline.recordAll(entries);
        }
        count(migrationId, migratedCases.size(), failures.size());
        return new BatchOutcome(migratedCases.size(), failures);
    }

    /** When each timer of the process is due, by its activity id. */
    private Map<String, java.util.Date> timersDue(String processInstanceId) {
        Map<String, java.util.Date> due = new java.util.HashMap<>();
        management.createTimerJobQuery().processInstanceId(processInstanceId).list()
                .forEach(job -> due.put(job.getElementId(), job.getDuedate()));
        return due;
    }

    /**
     * Flowable makes a new timer for a migrated timer event, counted from now. A case that stays in the same wait
     * keeps its due date instead: the days it already waited count, and a migration never delays a reminder.
     * A case mapped to another timer starts that one's wait now.
     */
    private void keepTimersDue(String processInstanceId, List<Move> moves, Map<String, java.util.Date> dueBefore) {
        Set<String> kept = moves.stream().filter(move -> move.from().equals(move.to())).map(Move::from)
                .collect(Collectors.toSet());
        for (var job : management.createTimerJobQuery().processInstanceId(processInstanceId).list()) {
            java.util.Date before = dueBefore.get(job.getElementId());
            if (before != null && kept.contains(job.getElementId()) && !before.equals(job.getDuedate())) {
                management.rescheduleTimeDateJob(job.getId(), before.toInstant().toString());
            }
        }
    }

    private void count(String migrationId, int migrated, int failed) {
        jdbc.sql("UPDATE plan_migration SET migrated = migrated + :migrated, failed = failed + :failed WHERE migration_id = :id")
                .param("migrated", migrated).param("failed", failed).param("id", migrationId).update();
    }

    private void finish(String migrationId, String planKey, Preview preview, MigrationRequest request, String actor,
            String status, int migrated, int failed, String error) {
        jdbc.sql("UPDATE plan_migration SET status = :status, finished_at = :at WHERE migration_id = :id")
                .param("status", status).param("at", now()).param("id", migrationId).update();
        String mappings = request.mappingsText();
        timeline.record(null, null, CASES_MIGRATED, actor, truncate(planKey + " v" + preview.fromVersion() + " -> v"
                + preview.toVersion() + ": " + migrated + " of " + preview.cases().size() + " cases migrated, "
                + failed + " failed" + (mappings.isEmpty() ? "" : "; mappings " + mappings)
                + (request.caseIds().isEmpty() ? "" : "; only listed cases")
                + (error == null ? "" : "; stopped: " + error) + " (migration " + migrationId + ")", 1000));
    }

    private Versions versions(String planKey, MigrationRequest request) {
        List<InvalidMigrationException.Problem> problems = new ArrayList<>();
        if (request.fromVersion() == null) {
            problems.add(new InvalidMigrationException.Problem("fromVersion", "required"));
        }
        if (request.toVersion() == null) {
            problems.add(new InvalidMigrationException.Problem("toVersion", "required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMigrationException("the migration needs fromVersion and toVersion", problems);
        }
        if (repository.createProcessDefinitionQuery().processDefinitionKey(planKey).count() == 0) {
            throw new NoSuchElementException("no plan '" + planKey + "'");
        }
        ProcessDefinition from = definition(planKey, request.fromVersion());
        ProcessDefinition to = definition(planKey, request.toVersion());
        if (from == null) {
            problems.add(new InvalidMigrationException.Problem("fromVersion",
                    "plan '" + planKey + "' has no version " + request.fromVersion()));
        }
        if (to == null) {
            problems.add(new InvalidMigrationException.Problem("toVersion",
                    "plan '" + planKey + "' has no version " + request.toVersion()));
        }
        if (from != null && to != null && from.getVersion() == to.getVersion()) {
            problems.add(new InvalidMigrationException.Problem("toVersion", "the same version as fromVersion"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMigrationException("cannot migrate " + planKey + " v" + request.fromVersion() + " to v"
                    + request.toVersion(), problems);
        }
        BpmnModel fromModel = repository.getBpmnModel(from.getId());
        BpmnModel toModel = repository.getBpmnModel(to.getId());
        request.mappings().forEach((source, target) -> {
            if (node(fromModel, source) == null) {
                problems.add(new InvalidMigrationException.Problem("mappings." + source,
                        "version " + from.getVersion() + " has no activity '" + source + "'"));
            }
            if (target == null || node(toModel, target) == null) {
                problems.add(new InvalidMigrationException.Problem("mappings." + source,
                        "version " + to.getVersion() + " has no activity '" + target + "'"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidMigrationException("invalid activity mappings", problems);
        }
        return new Versions(from, to, fromModel, toModel);
    }

    private ProcessDefinition definition(String planKey, int version) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(planKey)
                .processDefinitionVersion(version).singleResult();
    }

    /** The start event of an event sub-process: an execution waits there for the event, whatever the case does. */
    static boolean listensForEvent(BpmnModel model, String activityId) {
        return model.getMainProcess().getFlowElement(activityId, true) instanceof org.flowable.bpmn.model.StartEvent start
                && start.getSubProcess() instanceof org.flowable.bpmn.model.EventSubProcess;
    }

    private static FlowNode node(BpmnModel model, String activityId) {
        FlowElement element = model.getMainProcess().getFlowElement(activityId, true);
        return element instanceof FlowNode node ? node : null;
    }

    /** The cases the request is about: every running case of the from-version, or the listed ones as they are. */
    private List<CaseRef> scope(Versions versions, MigrationRequest request) {
        if (request.caseIds().isEmpty()) {
            return jdbc.sql("""
                    SELECT case_id, customer_id, process_instance_id FROM collection_case
                     WHERE plan_key = :plan AND plan_version = :version AND active_key IS NOT NULL
                       AND process_instance_id IS NOT NULL
                     ORDER BY opened_at, case_id""")
                    .param("plan", versions.from().getKey()).param("version", versions.from().getVersion())
                    .query((rs, row) -> new CaseRef(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        }
        Set<String> wanted = new LinkedHashSet<>(request.caseIds());
        Map<String, CaseRef> found = new LinkedHashMap<>();
        List<String> ids = List.copyOf(wanted);
        for (int from = 0; from < ids.size(); from += BATCH) {
            jdbc.sql("SELECT case_id, customer_id, process_instance_id FROM collection_case WHERE case_id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + BATCH)))
                    .query((rs, row) -> new CaseRef(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .list().forEach(ref -> found.put(ref.caseId(), ref));
        }
        return ids.stream().map(id -> found.getOrDefault(id, new CaseRef(id, null, null))).toList();
    }

    private List<CaseLanding> land(Versions versions, MigrationRequest request, List<CaseRef> cases) {
        List<CaseLanding> rows = new ArrayList<>(cases.size());
        for (int from = 0; from < cases.size(); from += BATCH) {
            List<CaseRef> chunk = cases.subList(from, Math.min(cases.size(), from + BATCH));
            Map<String, List<String>> waiting = waitingActivities(versions.from().getId(), chunk.stream()
                    .map(CaseRef::processInstanceId).filter(java.util.Objects::nonNull).toList());
            for (CaseRef ref : chunk) {
                List<String> activities = ref.processInstanceId() == null ? null : waiting.get(ref.processInstanceId());
                if (ref.customerId() == null) {
                    rows.add(refused(ref, "no such case"));
                } else if (activities == null) {
                    rows.add(refused(ref, "not a running case of " + versions.from().getKey() + " v"
                            + versions.from().getVersion()));
                } else {
                    rows.add(landing(versions, request, ref, activities, true));
                }
            }
        }
        return rows;
    }

    private static CaseLanding refused(CaseRef ref, String reason) {
        return new CaseLanding(ref.caseId(), ref.customerId(), ref.processInstanceId(), List.of(), false, List.of(reason));
    }

    /** Where each waiting execution goes: its mapping, else the same id; refused if the target has no such activity. */
    private CaseLanding landing(Versions versions, MigrationRequest request, CaseRef ref, List<String> activities,
            boolean askFlowable) {
        List<Move> moves = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String activity : activities) {
            if (listensForEvent(versions.fromModel(), activity)) {
                continue; // the "when the debt is paid" sub-process is ready, not a place the case waits in
            }
            String target = request.mappings().getOrDefault(activity, activity);
            moves.add(new Move(activity, target));
            if (node(versions.toModel(), target) == null) {
                reasons.add("activity '" + activity + "' does not exist in version " + versions.to().getVersion()
                        + "; map it to an activity of that version");
            }
        }
        if (reasons.isEmpty() && askFlowable) {
            ProcessInstanceMigrationValidationResult result = builder(versions, request)
                    .validateMigration(ref.processInstanceId());
            reasons.addAll(result.getValidationMessages());
        }
        return new CaseLanding(ref.caseId(), ref.customerId(), ref.processInstanceId(), moves, reasons.isEmpty(),
                reasons);
    }

    private ProcessInstanceMigrationBuilder builder(Versions versions, MigrationRequest request) {
        ProcessInstanceMigrationBuilder builder = migrations.createProcessInstanceMigrationBuilder()
                .migrateToProcessDefinition(versions.to().getId());
        // Flowable keeps an activity whose id exists in the target; only the others need a mapping.
        request.mappings().forEach((source, target) -> builder.addActivityMigrationMapping(
                ActivityMigrationMapping.createMappingFor(source, target)));
        return builder;
    }

    /**
     * The activities each process instance waits in: its leaf executions (a scope such as an embedded sub-process
     * has children, and its children are where the case is).
     */
    private Map<String, List<String>> waitingActivities(String processDefinitionId, List<String> processInstanceIds) {
        Map<String, List<String>> waiting = new TreeMap<>();
        if (processInstanceIds.isEmpty()) {
            return waiting;
        }
        jdbc.sql("""
                SELECT e.PROC_INST_ID_, e.ACT_ID_ FROM ACT_RU_EXECUTION e
                 WHERE e.PROC_DEF_ID_ = :definition AND e.PROC_INST_ID_ IN (:processes)
                   AND e.PARENT_ID_ IS NOT NULL AND e.ACT_ID_ IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXECUTION c WHERE c.PARENT_ID_ = e.ID_)
                 ORDER BY e.PROC_INST_ID_, e.ACT_ID_""")
                .param("definition", processDefinitionId).param("processes", processInstanceIds)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(entry -> waiting.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        // A process that waits only at its root (no child execution yet) is still running on this version.
        jdbc.sql("SELECT ID_ FROM ACT_RU_EXECUTION WHERE PROC_DEF_ID_ = :definition AND ID_ IN (:processes) AND PARENT_ID_ IS NULL")
                .param("definition", processDefinitionId).param("processes", processInstanceIds)
                .query(String.class).list()
                .forEach(process -> waiting.computeIfAbsent(process, key -> new ArrayList<>()));
        return waiting;
    }

    private static Summary summarize(List<CaseLanding> rows) {
        Map<String, Integer> landings = new TreeMap<>();
        int migratable = 0;
        for (CaseLanding row : rows) {
            if (row.migratable()) {
                migratable++;
                row.moves().forEach(move -> landings.merge(move.from() + " -> " + move.to(), 1, Integer::sum));
            }
        }
        return new Summary(rows.size(), migratable, rows.size() - migratable, landings);
    }

    private static Progress progressOf(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new Progress(rs.getString("migration_id"), rs.getString("plan_key"), rs.getInt("from_version"),
                rs.getInt("to_version"), rs.getString("mappings"), rs.getString("status"), rs.getInt("total"),
                rs.getInt("migrated"), rs.getInt("failed"), rs.getString("requested_by"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), List.of());
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return truncate(message, 300);
    }

    private OffsetDateTime now() {
        return clock.now().atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }
}
