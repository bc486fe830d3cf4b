package dev.dunning.inbox;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inboxes' read model ({@code work_item}): one row per open task and lane. Lane {@code ''} is the task
 * itself; every candidate group adds a lane with the same values, so that a group's unclaimed tasks in priority
 * order are one index range however many tasks are open.
 */
@Component
class WorkItems {

    static final String BASE_LANE = "";
    /** Sorts after every real date: no promise, no invoice due. */
    static final LocalDate NO_DATE = LocalDate.of(9999, 12, 31);

    private static final String COLUMNS = """
            task_id, lane, name, activity_id, form_key, process_instance_id, customer_id, case_id, assignee, priority,
            amount, oldest_due_on, promise_due, created_at, due_at, follow_up_at, suspended""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    WorkItems(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** What the inbox keeps of a task. */
    record Item(String taskId, String name, String activityId, String formKey, String processInstanceId,
            String customerId, String caseId, String assignee, int priority, BigDecimal amount, LocalDate oldestDueOn,
            LocalDate promiseDue, Instant createdAt, Instant dueAt, Instant followUpAt, boolean suspended) {
    }

    /** Adds a new task with its candidate groups; a task already there is replaced. */
    void add(Item item, Collection<String> groups) {
        remove(item.taskId());
        List<SqlParameterSource> rows = new ArrayList<>();
        rows.add(parameters(item, BASE_LANE));
        groups.stream().distinct().filter(group -> !group.isBlank()).forEach(group -> rows.add(parameters(item, group)));
        named.batchUpdate("INSERT INTO work_item (" + COLUMNS + ") VALUES (:taskId, :lane, :name, :activityId, "
                + ":formKey, :processInstanceId, :customerId, :caseId, :assignee, :priority, :amount, :oldestDueOn, "
                + ":promiseDue, :createdAt, :dueAt, :followUpAt, :suspended)", rows.toArray(SqlParameterSource[]::new));
    }

    /**
     * Adds a task seen for the first time; a task already there (the engine announces a plan's task twice) keeps its
     * lanes and gets the values it has now.
     */
    void addOrRefresh(Item item, Collection<String> groups) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM work_item WHERE task_id = :task AND lane = ''")
                .param("task", item.taskId()).query(Integer.class).single() > 0;
        if (!known) {
            add(item, groups);
            return;
        }
        jdbc.sql("""
                UPDATE work_item SET name = :name, activity_id = :activityId, form_key = :formKey,
                       process_instance_id = :processInstanceId, customer_id = COALESCE(:customerId, customer_id),
                       case_id = COALESCE(:caseId, case_id), assignee = :assignee, priority = :priority,
                       amount = :amount, oldest_due_on = :oldestDueOn, promise_due = :promiseDue, due_at = :dueAt,
                       suspended = :suspended
                WHERE task_id = :taskId""")
                .paramSource(parameters(item, BASE_LANE)).update();
        groups.stream().distinct().filter(group -> !group.isBlank()).forEach(group -> addLane(item.taskId(), group));
    }

    /** A candidate group was added to a task: its lane copies the task's row. */
    void addLane(String taskId, String group) {
        jdbc.sql("INSERT INTO work_item (" + COLUMNS + ") SELECT " + COLUMNS.replace("lane,", ":group,") + """
                 FROM work_item base
                WHERE base.task_id = :task AND base.lane = ''
                  AND NOT EXISTS (SELECT 1 FROM work_item other WHERE other.task_id = :task AND other.lane = :group)""")
                .param("task", taskId).param("group", group).update();
    }

    void removeLane(String taskId, String group) {
        jdbc.sql("DELETE FROM work_item WHERE task_id = :task AND lane = :group")
                .param("task", taskId).param("group", group).update();
    }

    void remove(String taskId) {
        jdbc.sql("DELETE FROM work_item WHERE task_id = :task").param("task", taskId).update();
    }

    void assign(String taskId, String assignee) {
        jdbc.sql("UPDATE work_item SET assignee = :assignee WHERE task_id = :task")
                .param("assignee", assignee).param("task", taskId).update();
    }

    /** The task's own properties changed (name, priority, due time, assignee). */
    void update(String taskId, String name, int priority, String assignee, Instant dueAt) {
        jdbc.sql("""
                UPDATE work_item SET name = :name, priority = :priority, assignee = :assignee, due_at = :due
                WHERE task_id = :task""")
                .param("name", name).param("priority", priority).param("assignee", assignee)
                .param("due", utc(dueAt)).param("task", taskId).update();
    }

    void followUp(String taskId, Instant at) {
        jdbc.sql("UPDATE work_item SET follow_up_at = :at WHERE task_id = :task")
                .param("at", utc(at)).param("task", taskId).update();
    }

    void suspend(String taskId, boolean suspended) {
        jdbc.sql("UPDATE work_item SET suspended = :suspended WHERE task_id = :task")
                .param("suspended", suspended).param("task", taskId).update();
    }

    /** A task made outside a plan names its customer and case after it was created. */
    void nameCustomer(String taskId, String customerId, BigDecimal amount, LocalDate oldestDueOn) {
        jdbc.sql("""
                UPDATE work_item SET customer_id = :customer, amount = :amount, oldest_due_on = :oldest
                WHERE task_id = :task""")
                .param("customer", customerId).param("amount", amount).param("oldest", orNoDate(oldestDueOn))
                .param("task", taskId).update();
    }

    void nameCase(String taskId, String caseId) {
        jdbc.sql("UPDATE work_item SET case_id = :case WHERE task_id = :task")
                .param("case", caseId).param("task", taskId).update();
    }

    /** Of these customers, those with open tasks. */
    List<String> customersWithWork(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT customer_id FROM work_item WHERE lane = '' AND customer_id IN (:ids)")
                .param("ids", customerIds).query(String.class).list();
    }

    /** New amounts for customers whose ledger changed. */
    void updateDebts(Map<String, Debt> debts) {
        named.batchUpdate("UPDATE work_item SET amount = :amount, oldest_due_on = :oldest WHERE customer_id = :customer",
                debts.entrySet().stream().map(entry -> new MapSqlParameterSource()
                        .addValue("amount", entry.getValue().amount())
                        .addValue("oldest", orNoDate(entry.getValue().oldestDueOn()))
                        .addValue("customer", entry.getKey()))
                        .toArray(SqlParameterSource[]::new));
    }

    record Debt(BigDecimal amount, LocalDate oldestDueOn) {
    }

    /** Task ids the read model holds, for the check against the engine at start-up. */
    List<String> taskIds() {
        return jdbc.sql("SELECT task_id FROM work_item WHERE lane = ''").query(String.class).list();
    }

    Map<String, Item> byTaskIds(Collection<String> taskIds) {
        Map<String, Item> found = new LinkedHashMap<>();
        if (taskIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT " + COLUMNS + " FROM work_item WHERE lane = '' AND task_id IN (:ids)")
                .param("ids", taskIds).query(WorkItems::item).list().forEach(item -> found.put(item.taskId(), item));
        return found;
    }

    static Item item(ResultSet rs, int row) throws SQLException {
        return new Item(rs.getString("task_id"), rs.getString("name"), rs.getString("activity_id"),
                rs.getString("form_key"), rs.getString("process_instance_id"), rs.getString("customer_id"),
                rs.getString("case_id"), rs.getString("assignee"), rs.getInt("priority"), rs.getBigDecimal("amount"),
                dateOrNull(rs.getObject("oldest_due_on", LocalDate.class)),
                dateOrNull(rs.getObject("promise_due", LocalDate.class)),
                instant(rs, "created_at"), instant(rs, "due_at"), instant(rs, "follow_up_at"), rs.getBoolean("suspended"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static LocalDate dateOrNull(LocalDate date) {
        return date == null || date.equals(NO_DATE) ? null : date;
    }

    static LocalDate orNoDate(LocalDate date) {
        return date == null ? NO_DATE : date;
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static MapSqlParameterSource parameters(Item item, String lane) {
        return new MapSqlParameterSource()
                .addValue("taskId", item.taskId())
                .addValue("lane", lane)
                .addValue("name", item.name())
                .addValue("activityId", item.activityId())
                .addValue("formKey", item.formKey())
                .addValue("processInstanceId", item.processInstanceId())
                .addValue("customerId", item.customerId())
                .addValue("caseId", item.caseId())
                .addValue("assignee", item.assignee())
                .addValue("priority", item.priority())
                .addValue("amount", item.amount() == null ? BigDecimal.ZERO : item.amount())
                .addValue("oldestDueOn", orNoDate(item.oldestDueOn()))
                .addValue("promiseDue", orNoDate(item.promiseDue()))
                .addValue("createdAt", utc(item.createdAt()))
                .addValue("dueAt", utc(item.dueAt()))
                .addValue("followUpAt", utc(item.followUpAt()))
                .addValue("suspended", item.suspended());
    }
}
