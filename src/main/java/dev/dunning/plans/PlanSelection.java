package dev.dunning.plans;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.PlanChoiceInput;

/**
 * Which plan applies to a customer, first that is set: an analyst's override ({@link PlanOverrides}), the registry's
 * {@code plan} column, what the group's decision table or champion/challenger split chose at the last evaluation
 * ({@code customer.chosen_plan}), the group's master plan. The ledger's debt query applies that order in SQL, so the
 * daily evaluation stays one pass; {@link #refresh} brings {@code chosen_plan} up to date at the start of each
 * evaluation for every customer without a case in work, so that a change of a group takes effect at the next
 * evaluation and a running case keeps the plan it was opened on.
 */
@Service
public class PlanSelection {

    private static final Logger log = LoggerFactory.getLogger(PlanSelection.class);
    static final int BATCH = 1000;

    private final PlanGroups groups;
    private final PlanDecisions decisions;
    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final BusinessClock clock;

    PlanSelection(PlanGroups groups, PlanDecisions decisions, Ledger ledger, JdbcClient jdbc, JdbcTemplate batches,
            PlatformTransactionManager transactionManager, BusinessClock clock) {
        this.groups = groups;
        this.decisions = decisions;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.batches = batches;
        // Each batch of choices commits on its own, also while the inputs are streamed in a read transaction.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * The customer's bucket 0..99 for a split: CRC32 of the id's UTF-8 bytes, mod 100. The same on every node,
     * database and restart; a customer is on the challenger when their bucket is below the challenger's percentage.
     */
    public static int bucket(String customerId) {
        CRC32 crc = new CRC32();
        crc.update(customerId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 100);
    }

    /** The group's current split, if it has one. */
    public Optional<PlanSplit> split(String group) {
        return groups.find(group).filter(PlanGroup::hasSplit).map(PlanSelection::split);
    }

    /** Every group's current split. */
    public List<PlanSplit> splits() {
        return groups.list().stream().filter(PlanGroup::hasSplit).map(PlanSelection::split).toList();
    }

    private static PlanSplit split(PlanGroup group) {
        return new PlanSplit(group.name(), group.masterPlan(), group.challengerPlan(), group.challengerPercent(),
                group.splitSince());
    }

    /** What the customer's plan comes from and which plan it is now (before any case fixes it). */
    public record Choice(String customerId, String group, String plan, String source) {
    }

    public Optional<Choice> choiceOf(String customerId) {
        return jdbc.sql("""
                SELECT c.customer_id, c.group_name, o.plan_key AS override_plan, c.plan, c.chosen_plan
                FROM customer c LEFT JOIN plan_override o ON o.customer_id = c.customer_id
                WHERE c.customer_id = :id""")
                .param("id", customerId)
                .query((rs, row) -> {
                    String group = rs.getString("group_name");
                    if (rs.getString("override_plan") != null) {
                        return new Choice(customerId, group, rs.getString("override_plan"), "override");
                    }
                    if (rs.getString("plan") != null) {
                        return new Choice(customerId, group, rs.getString("plan"), "registry");
                    }
                    if (rs.getString("chosen_plan") != null) {
                        return new Choice(customerId, group, rs.getString("chosen_plan"), "choice");
                    }
                    return new Choice(customerId, group, groups.find(group).map(PlanGroup::masterPlan).orElse(null),
                            "master");
                })
                .optional();
    }

    /**
     * Brings every customer's chosen plan up to date, except customers matching {@code inWorkSql} (an SQL condition
     * of the caller over {@code customer c}: those with a case in work keep what their case was opened with).
     * Groups with neither a decision nor a split are one UPDATE each; a split needs the customers' buckets (computed
     * once per customer); a decision is run for the customers who owe something, in batches. Returns how many
     * customers' choice changed.
     */
    public int refresh(String inWorkSql) {
        long started = System.nanoTime();
        int changed = 0;
        List<PlanGroup> all = groups.list();
        if (all.stream().anyMatch(PlanGroup::hasSplit)) {
            fillBuckets();
        }
        for (PlanGroup group : all) {
            changed += group.decisionKey() == null ? refreshBySplit(group, inWorkSql) : refreshByDecision(group, inWorkSql);
        }
        log.info("Plan choices refreshed for {} groups in {} ms: {} customers' choice changed", all.size(),
                (System.nanoTime() - started) / 1_000_000, changed);
        return changed;
    }

    private void fillBuckets() {
        while (true) {
            List<String> ids = jdbc.sql("SELECT customer_id FROM customer WHERE plan_bucket IS NULL FETCH FIRST "
                    + BATCH + " ROWS ONLY").query(String.class).list();
            if (ids.isEmpty()) {
                return;
            }
            transactions.executeWithoutResult(status -> batches.batchUpdate(
                    "UPDATE customer SET plan_bucket = ? WHERE customer_id = ?", ids, ids.size(), (sql, id) -> {
                        sql.setInt(1, bucket(id));
                        sql.setString(2, id);
                    }));
        }
    }

    private int refreshBySplit(PlanGroup group, String inWorkSql) {
        String challenger = group.hasSplit() ? group.challengerPlan() : null;
        int percent = group.hasSplit() ? group.challengerPercent() : 0;
        String choice = "CASE WHEN c.plan_bucket < :percent THEN CAST(:challenger AS VARCHAR(128)) END";
        Integer changed = transactions.execute(status -> jdbc.sql("UPDATE customer c SET chosen_plan = " + choice
                + " WHERE c.group_name = :group AND NOT (" + inWorkSql + ")"
                + " AND (c.chosen_plan IS NULL AND " + choice + " IS NOT NULL OR c.chosen_plan IS NOT NULL AND ("
                + choice + " IS NULL OR c.chosen_plan <> " + choice + "))")
                .param("percent", percent).param("challenger", challenger).param("group", group.name())
                .update());
        return changed == null ? 0 : changed;
    }

    /** Runs the group's decision for its customers who owe something and have no plan of their own. */
    private int refreshByDecision(PlanGroup group, String inWorkSql) {
        Map<String, String> problems = new TreeMap<>();
        int[] problemCount = {0};
        int[] changed = {0};
        List<Object[]> pending = new ArrayList<>(BATCH);
        String condition = "NOT (" + inWorkSql + ") AND c.plan IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM plan_override o WHERE o.customer_id = c.customer_id)";
        ledger.forEachChoiceInput(group.name(), condition, Map.of(), input -> {
            if (input.amount().signum() <= 0) {
                return; // nothing to work: whatever plan is chosen opens no case
            }
            String plan = choose(group, input, problems, problemCount);
            pending.add(new Object[] {plan, input.customerId()});
            if (pending.size() == BATCH) {
                changed[0] += write(pending);
                pending.clear();
            }
        });
        changed[0] += write(pending);
        String problem = problemCount[0] == 0 ? null : clock.today() + ": " + problemCount[0]
                + " customers stayed on the master or split plan: " + String.join("; ", problems.values());
        if (problem != null) {
            log.warn("Group {}: {}", group.name(), problem);
        }
        if (!java.util.Objects.equals(problem, group.decisionProblem())) {
            groups.decisionProblem(group.name(), problem);
        }
        return changed[0];
    }

    /**
     * The decision's plan when it chose one the group allows; else the split's arm (or the master plan, as null) and
     * the problem noted once per kind.
     */
    private String choose(PlanGroup group, PlanChoiceInput input, Map<String, String> problems, int[] problemCount) {
        String fallback = group.hasSplit() && bucket(input.customerId()) < group.challengerPercent()
                ? group.challengerPlan() : null;
        Optional<String> chosen;
        try {
            chosen = decisions.choose(group.decisionKey(), inputs(group.name(), input));
        } catch (RuntimeException e) {
            problemCount[0]++;
            problems.putIfAbsent("failed", "decision " + group.decisionKey() + " failed (" + e.getMessage()
                    + "), e.g. for customer " + input.customerId());
            return fallback;
        }
        if (chosen.isEmpty()) {
            return fallback;
        }
        String plan = chosen.get();
        if (!group.allows(plan)) {
            problemCount[0]++;
            problems.putIfAbsent("not allowed " + plan, "decision " + group.decisionKey() + " chose " + plan
                    + ", which the group does not allow, e.g. for customer " + input.customerId());
            return fallback;
        }
        return plan.equals(group.masterPlan()) ? null : plan;
    }

    static Map<String, Object> inputs(String group, PlanChoiceInput input) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("group", group);
        inputs.put("amount", input.amount() == null ? BigDecimal.ZERO : input.amount());
        inputs.put("unpaidInvoices", input.unpaidInvoices());
        inputs.put("service", input.service() == null ? "" : input.service());
        inputs.put("building", input.building() == null ? "" : input.building());
        return inputs;
    }

    private int write(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        List<Object[]> copy = List.copyOf(rows);
        int[][] counts = transactions.execute(status -> batches.batchUpdate("""
                UPDATE customer SET chosen_plan = ?
                WHERE customer_id = ? AND (chosen_plan IS NULL OR chosen_plan <> COALESCE(?, ''))
                  AND NOT (chosen_plan IS NULL AND ? IS NULL)""", copy, copy.size(), (sql, row) -> {
                    sql.setString(1, (String) row[0]);
                    sql.setString(2, (String) row[1]);
                    sql.setString(3, (String) row[0]);
                    sql.setString(4, (String) row[0]);
                }));
        int total = 0;
        for (int[] batch : counts == null ? new int[0][] : counts) {
            for (int count : batch) {
                total += Math.max(count, 0);
            }
        }
        return total;
    }
}
