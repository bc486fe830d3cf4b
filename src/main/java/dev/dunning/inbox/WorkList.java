package dev.dunning.inbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dunning.ledger.SearchText;

/**
 * Reads inbox pages from {@code work_item}. "Mine" is my claimed tasks plus one branch per group I work, each an
 * index range in the page's order, merged and cut to the page: the first page costs the same with a hundred or a
 * million open tasks. A task in two of my groups is shown once, in the first of them.
 */
@Component
class WorkList {

    private static final String COLUMNS = """
            w.task_id, w.lane, w.name, w.activity_id, w.form_key, w.process_instance_id, w.customer_id, w.case_id,
            w.assignee, w.priority, w.amount, w.oldest_due_on, w.promise_due, w.created_at, w.due_at, w.follow_up_at,
            w.suspended""";

    private final NamedParameterJdbcTemplate jdbc;

    WorkList(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The page's rows, and one more if another page follows. */
    List<WorkItems.Item> page(InboxQuery query, String user, List<String> groups) {
        Statement statement = pageStatement(query, user, groups);
        return jdbc.query(statement.sql(), statement.parameters(), WorkItems::item);
    }

    /** An SQL statement with its named parameters (the benchmark explains the page's plan with it). */
    record Statement(String sql, MapSqlParameterSource parameters) {
    }

    Statement pageStatement(InboxQuery query, String user, List<String> groups) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        String filters = filters(query, parameters);
        String order = order(query);
        long window = (query.page() + 1L) * query.size() + 1;
        parameters.addValue("window", window);
        // long: a page number typed into the address bar must not wrap round to a negative offset
        parameters.addValue("offset", (long) query.page() * query.size());
        parameters.addValue("size", query.size() + 1);
        List<String> branches = new ArrayList<>();
        if (query.scope() == InboxQuery.Scope.ALL) {
            parameters.addValue("lane", query.group() == null ? WorkItems.BASE_LANE : query.group());
            String assignee = "";
            if (InboxQuery.UNASSIGNED.equals(query.assignee())) {
                assignee = " AND w.assignee IS NULL";
            } else if (query.assignee() != null) {
                assignee = " AND w.assignee = :assignee";
                parameters.addValue("assignee", query.assignee());
            }
            String sql = "SELECT " + COLUMNS + " FROM work_item w WHERE w.lane = :lane AND w.suspended = FALSE"
                    + assignee + filters + " ORDER BY " + order + " LIMIT :size OFFSET :offset";
            return new Statement(sql, parameters);
        }
        parameters.addValue("me", user);
        branches.add("SELECT " + COLUMNS + " FROM work_item w WHERE w.lane = '' AND w.suspended = FALSE"
                + " AND w.assignee = :me" + filters + " ORDER BY " + order + " LIMIT :window");
        for (int i = 0; i < groups.size(); i++) {
            parameters.addValue("group" + i, groups.get(i));
            StringBuilder branch = new StringBuilder("SELECT " + COLUMNS + " FROM work_item w WHERE w.lane = :group" + i
                    + " AND w.suspended = FALSE AND w.assignee IS NULL");
            if (i > 0) {
                parameters.addValue("earlierGroups" + i, groups.subList(0, i));
                branch.append(" AND NOT EXISTS (SELECT 1 FROM work_item earlier WHERE earlier.task_id = w.task_id")
                        .append(" AND earlier.lane IN (:earlierGroups").append(i).append("))");
            }
            branch.append(filters).append(" ORDER BY ").append(order).append(" LIMIT :window");
            branches.add(branch.toString());
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", branches.stream().map(b -> "(" + b + ")").toList())
                + ") w ORDER BY " + order + " LIMIT :size OFFSET :offset";
        return new Statement(sql, parameters);
    }

    /** Open tasks per person, and unclaimed ones per group, with how many are past their due time. */
    record Load(String assignee, String group, int open, int overdue) {
    }

    List<Load> workload(Instant now) {
        Map<String, Object> at = Map.of("now", now.atOffset(ZoneOffset.UTC));
        List<Load> loads = new ArrayList<>(jdbc.query("""
                SELECT assignee, COUNT(*) AS open_tasks, SUM(CASE WHEN due_at < :now THEN 1 ELSE 0 END) AS overdue
                FROM work_item WHERE lane = '' AND suspended = FALSE AND assignee IS NOT NULL
                GROUP BY assignee ORDER BY assignee""", at,
                (rs, row) -> new Load(rs.getString("assignee"), null, rs.getInt("open_tasks"), rs.getInt("overdue"))));
        loads.addAll(jdbc.query("""
                SELECT lane, COUNT(*) AS open_tasks, SUM(CASE WHEN due_at < :now THEN 1 ELSE 0 END) AS overdue
                FROM work_item WHERE lane <> '' AND suspended = FALSE AND assignee IS NULL
                GROUP BY lane ORDER BY lane""", at,
                (rs, row) -> new Load(null, rs.getString("lane"), rs.getInt("open_tasks"), rs.getInt("overdue"))));
        return loads;
    }

    private static String filters(InboxQuery query, MapSqlParameterSource parameters) {
        StringBuilder sql = new StringBuilder();
        if (query.activity() != null) {
            sql.append(" AND w.activity_id = :activity");
            parameters.addValue("activity", query.activity());
        }
        if (query.minAmount() != null) {
            sql.append(" AND w.amount >= :minAmount");
            parameters.addValue("minAmount", query.minAmount());
        }
        if (query.maxAmount() != null) {
            sql.append(" AND w.amount <= :maxAmount");
            parameters.addValue("maxAmount", query.maxAmount());
        }
        if (query.customer() != null) {
            sql.append(" AND (w.customer_id LIKE :customer ESCAPE '\\' OR EXISTS (SELECT 1 FROM customer c"
                    + " WHERE c.customer_id = w.customer_id AND LOWER(c.name) LIKE :customerName ESCAPE '\\'))");
            parameters.addValue("customer", SearchText.startingWith(query.customer()));
            parameters.addValue("customerName", SearchText.startingWithAnyCase(query.customer()));
        }
        return sql.toString();
    }

    private static String order(InboxQuery query) {
        String direction = query.descending() ? " DESC" : "";
        return switch (query.sort()) {
            case PRIORITY -> "w.priority DESC, w.promise_due, w.amount, w.oldest_due_on, w.task_id";
            case AMOUNT -> "w.amount" + direction + ", w.task_id";
            case AGE -> "w.oldest_due_on" + direction + ", w.task_id";
            case PROMISE -> "w.promise_due" + direction + ", w.task_id";
            case CREATED -> "w.created_at" + direction + ", w.task_id";
            case DUE -> "CASE WHEN w.due_at IS NULL THEN 1 ELSE 0 END, w.due_at" + direction + ", w.task_id";
        };
    }
}
