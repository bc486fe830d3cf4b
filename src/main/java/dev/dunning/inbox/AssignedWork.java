package dev.dunning.inbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who holds which open tasks, read from the inbox's rows in the caller's transaction, so that a node assigning a
 * task sees the tasks every node assigned before (and those made earlier in the same transaction).
 */
@Service
public class AssignedWork {

    private final JdbcClient jdbc;

    AssignedWork(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An open task someone holds. */
    public record HeldTask(String taskId, String activityId, String processInstanceId, String customerId,
            boolean suspended) {
    }

    /** Which of {@code people} holds an open task of this customer (other than {@code exceptTaskId}), if one does. */
    public Optional<String> holderOfCustomer(String customerId, Collection<String> people, String exceptTaskId) {
        if (customerId == null || people.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT assignee FROM work_item
                WHERE lane = '' AND customer_id = :customer AND assignee IN (:people) AND task_id <> :task
                ORDER BY created_at, task_id""")
                .param("customer", customerId).param("people", people).param("task", exceptTaskId == null ? "" : exceptTaskId)
                .query(String.class).list().stream().findFirst();
    }

    /** Open tasks assigned to each of {@code people}; someone with none is missing from the map. */
    public Map<String, Integer> openTasksOf(Collection<String> people) {
        Map<String, Integer> counts = new HashMap<>();
        if (people.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT assignee, COUNT(*) FROM work_item WHERE lane = '' AND assignee IN (:people) GROUP BY assignee")
                .param("people", people)
                .query((rs, row) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    /** The open tasks {@code username} holds, oldest first. */
    public List<HeldTask> heldBy(String username) {
        return jdbc.sql("""
                SELECT task_id, activity_id, process_instance_id, customer_id, suspended FROM work_item
                WHERE lane = '' AND assignee = :user ORDER BY created_at, task_id""")
                .param("user", username)
                .query((rs, row) -> new HeldTask(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)))
                .list();
    }

    /** The people who hold open tasks. */
    public List<String> holders() {
        return jdbc.sql("SELECT DISTINCT assignee FROM work_item WHERE lane = '' AND assignee IS NOT NULL ORDER BY assignee")
                .query(String.class).list();
    }
}
