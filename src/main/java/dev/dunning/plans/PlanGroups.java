package dev.dunning.plans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.CustomerGroups;
import dev.dunning.ledger.GroupPlans;
import dev.dunning.timeline.Timeline;

/**
 * The customer groups as data ({@code plan_group}, {@code plan_group_plan}). On every start each group configured
 * under {@code dunning.groups.*} that the table does not have yet is added from the configuration, allowing its
 * master plan, its {@code allowed-plans} and the plans its customers are already put on by the registry; after
 * that the table wins: editing {@code dunning.groups.<g>.*} changes nothing for a group the table holds.
 * <p>
 * Reads are served from a snapshot at most {@link #FRESH_FOR_NANOS} old (an import asks for every row); a change on
 * this node refreshes it at once, a change on another node within that time.
 */
@Service
@Primary
public class PlanGroups implements GroupPlans, InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PlanGroups.class);
    static final long FRESH_FOR_NANOS = 2_000_000_000L;
    static final String CHANGED = "plan-group-changed";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private record Snapshot(Map<String, PlanGroup> groups, long loadedAt) {
    }

    private final JdbcClient jdbc;
    private final PlanCatalog plans;
    private final PlanDecisions decisions;
    private final CustomerGroups configured;
    private final Timeline timeline;
    private final BusinessClock clock;
    private volatile Snapshot snapshot;

    PlanGroups(JdbcClient jdbc, PlanCatalog plans, PlanDecisions decisions, CustomerGroups configured,
            Timeline timeline, BusinessClock clock) {
        this.jdbc = jdbc;
        this.plans = plans;
        this.decisions = decisions;
        this.configured = configured;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        Set<String> stored = new TreeSet<>(jdbc.sql("SELECT group_name FROM plan_group").query(String.class).list());
        for (var entry : new java.util.TreeMap<>(configured.groups()).entrySet()) {
            if (!stored.contains(entry.getKey()) && entry.getValue().masterPlan() != null) {
                seed(entry.getKey(), entry.getValue());
            }
        }
    }

    private void seed(String name, CustomerGroups.Group group) {
        Set<String> allowed = new TreeSet<>(configured.allowedPlans(name));
        allowed.addAll(jdbc.sql("SELECT DISTINCT plan FROM customer WHERE group_name = :group AND plan IS NOT NULL")
                .param("group", name).query(String.class).list());
        try {
            insert(name, group.masterPlan(), blankToNull(group.upcomingPlan()), null, null, null, null, "configuration");
            allowed.forEach(plan -> insertAllowed(name, plan));
            log.info("Group {} taken from the configuration: master plan {}, allowed {}", name, group.masterPlan(), allowed);
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            // the other node seeded it
        }
    }

    // --- reads ---------------------------------------------------------------------------------------------------

    public List<PlanGroup> list() {
        return List.copyOf(current().values());
    }

    public Optional<PlanGroup> find(String name) {
        return Optional.ofNullable(current().get(name));
    }

    public PlanGroup get(String name) {
        return find(name).orElseThrow(() -> new java.util.NoSuchElementException("no group '" + name + "'"));
    }

    @Override
    public Set<String> names() {
        return current().keySet();
    }

    @Override
    public Map<String, String> masterPlans() {
        Map<String, String> result = new LinkedHashMap<>();
        current().forEach((name, group) -> result.put(name, group.masterPlan()));
        return result;
    }

    @Override
    public boolean allows(String group, String planKey) {
        PlanGroup found = current().get(group);
        return found != null && found.allows(planKey);
    }

    @Override
    public List<String> allowedPlans(String group) {
        PlanGroup found = current().get(group);
        return found == null ? List.of() : found.allowedPlans();
    }

    @Override
    public Optional<String> upcomingPlan(String group) {
        return find(group).map(PlanGroup::upcomingPlan);
    }

    private Map<String, PlanGroup> current() {
        Snapshot known = snapshot;
        if (known == null || System.nanoTime() - known.loadedAt() > FRESH_FOR_NANOS) {
            known = new Snapshot(load(), System.nanoTime());
            snapshot = known;
        }
        return known.groups();
    }

    void forget() {
        snapshot = null;
    }

    private Map<String, PlanGroup> load() {
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        jdbc.sql("SELECT group_name, plan_key FROM plan_group_plan ORDER BY group_name, plan_key")
                .query((ResultSet rs) -> {
                    allowed.computeIfAbsent(rs.getString(1), g -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<String, PlanGroup> result = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM plan_group ORDER BY group_name")
                .query((rs, row) -> group(rs, allowed))
                .list()
                .forEach(group -> result.put(group.name(), group));
        return java.util.Collections.unmodifiableMap(result);
    }

    private static PlanGroup group(ResultSet rs, Map<String, List<String>> allowed) throws SQLException {
        String name = rs.getString("group_name");
        Set<String> plans = new TreeSet<>(allowed.getOrDefault(name, List.of()));
        plans.add(rs.getString("master_plan"));
        return new PlanGroup(name, rs.getString("master_plan"), rs.getString("upcoming_plan"),
                rs.getString("decision_key"), rs.getString("challenger_plan"),
                (Integer) rs.getObject("challenger_percent", Integer.class), instant(rs, "split_since"),
                List.copyOf(plans), rs.getString("decision_problem"), rs.getString("changed_by"),
                instant(rs, "changed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    // --- changes -------------------------------------------------------------------------------------------------

    /**
     * Creates or changes a group after checking every field; records the change on the timeline ({@code
     * plan-group-changed}, old -> new). Customers without a case in work move at the next evaluation.
     */
    @Transactional
    public PlanGroup save(String name, PlanGroupEdit edit, String actor) {
        PlanGroup earlier = load().get(name);
        Checked checked = check(name, edit, earlier);
        Instant now = clock.now();
        boolean splitChanged = earlier == null || !Objects.equals(earlier.challengerPlan(), checked.challenger())
                || !Objects.equals(earlier.challengerPercent(), checked.percent());
        Instant splitSince = checked.challenger() == null ? null : splitChanged ? now : earlier.splitSince();
        if (earlier == null) {
            insert(name, checked.master(), checked.upcoming(), checked.decision(), checked.challenger(),
                    checked.percent(), splitSince, actor);
        } else {
            jdbc.sql("""
                    UPDATE plan_group SET master_plan = :master, upcoming_plan = :upcoming, decision_key = :decision,
                           challenger_plan = :challenger, challenger_percent = :percent, split_since = :since,
                           decision_problem = CASE WHEN decision_key = :decision THEN decision_problem END,
                           changed_by = :actor, changed_at = :at
                    WHERE group_name = :name""")
                    .param("master", checked.master()).param("upcoming", checked.upcoming())
                    .param("decision", checked.decision()).param("challenger", checked.challenger())
                    .param("percent", checked.percent()).param("since", utc(splitSince))
                    .param("actor", actor).param("at", utc(now)).param("name", name)
                    .update();
            jdbc.sql("DELETE FROM plan_group_plan WHERE group_name = :name").param("name", name).update();
        }
        checked.allowed().forEach(plan -> insertAllowed(name, plan));
        forget();
        PlanGroup later = get(name);
        timeline.record(null, null, CHANGED, actor, describe(name, earlier, later));
        return later;
    }

    private record Checked(String master, String upcoming, String decision, String challenger, Integer percent,
            Set<String> allowed) {
    }

    private Checked check(String name, PlanGroupEdit edit, PlanGroup earlier) {
        List<InvalidPlanGroupException.FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(error("name", "a group name is 1 to 64 lower-case letters, digits, '-' or '_', starting with a"
                    + " letter or digit"));
        }
        String master = blankToNull(edit.masterPlan());
        if (master == null) {
            errors.add(error("masterPlan", "the master plan is required"));
        } else if (plans.latest(master).isEmpty()) {
            errors.add(error("masterPlan", "'" + master + "' is not a deployed collection plan"));
        }
        Set<String> allowed = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String plan : edit.allowedPlans() == null ? List.<String>of() : edit.allowedPlans()) {
            String key = blankToNull(plan);
            if (key == null) {
                continue;
            }
            if (plans.latest(key).isEmpty()) {
                unknown.add(key);
            }
            allowed.add(key);
        }
        if (!unknown.isEmpty()) {
            errors.add(error("allowedPlans", "not deployed collection plans: " + String.join(", ", unknown)));
        }
        if (master != null) {
            allowed.add(master);
        }
        if (earlier != null) {
            List<String> inUse = plansInUseOutside(name, allowed);
            if (!inUse.isEmpty()) {
                errors.add(error("allowedPlans", "customers of the group are put on " + String.join(", ", inUse)
                        + " (by an override or the registry's plan column); move them first or keep the plan allowed"));
            }
        }
        String challenger = blankToNull(edit.challengerPlan());
        Integer percent = edit.challengerPercent();
        if (challenger == null && percent != null) {
            errors.add(error("challengerPlan", "a challenger plan is required with a percentage"));
        }
        if (challenger != null) {
            if (challenger.equals(master)) {
                errors.add(error("challengerPlan", "the challenger must differ from the master plan"));
            } else if (!allowed.contains(challenger)) {
                errors.add(error("challengerPlan", "'" + challenger + "' is not one of the group's allowed plans"));
            }
            if (percent == null || percent < 1 || percent > 99) {
                errors.add(error("challengerPercent", "the challenger's share is a whole percentage from 1 to 99"));
            }
        }
        String decision = blankToNull(edit.decisionKey());
        if (decision != null && !decisions.exists(decision)) {
            errors.add(error("decisionKey", "'" + decision + "' is not a deployed decision (processes/*.dmn)"));
        }
        String upcoming = blankToNull(edit.upcomingPlan());
        if (upcoming != null && !upcoming.equals("none") && plans.latestUpcoming(upcoming).isEmpty()) {
            errors.add(error("upcomingPlan", "'" + upcoming + "' is not a deployed upcoming-payment plan (or none)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanGroupException(name, errors);
        }
        return new Checked(master, upcoming, decision, challenger, challenger == null ? null : percent, allowed);
    }

    /** The plans customers of the group are put on individually that {@code allowed} leaves out. */
    private List<String> plansInUseOutside(String group, Set<String> allowed) {
        List<String> used = jdbc.sql("""
                SELECT o.plan_key FROM plan_override o JOIN customer c ON c.customer_id = o.customer_id
                WHERE c.group_name = :group
                UNION
                SELECT c.plan FROM customer c WHERE c.group_name = :group AND c.plan IS NOT NULL""")
                .param("group", group).query(String.class).list();
        return used.stream().filter(plan -> !allowed.contains(plan)).distinct().sorted().toList();
    }

    /** Remembers what went wrong when the group's decision table chose (null: nothing did). */
    void decisionProblem(String group, String problem) {
        jdbc.sql("UPDATE plan_group SET decision_problem = :problem WHERE group_name = :group")
                .param("problem", problem == null ? null : problem.length() > 1000 ? problem.substring(0, 1000) : problem)
                .param("group", group).update();
        forget();
    }

    private void insert(String name, String master, String upcoming, String decision, String challenger,
            Integer percent, Instant splitSince, String actor) {
        jdbc.sql("""
                INSERT INTO plan_group (group_name, master_plan, upcoming_plan, decision_key, challenger_plan,
                                        challenger_percent, split_since, changed_by, changed_at)
                VALUES (:name, :master, :upcoming, :decision, :challenger, :percent, :since, :actor, :at)""")
                .param("name", name).param("master", master).param("upcoming", upcoming)
                .param("decision", decision).param("challenger", challenger).param("percent", percent)
                .param("since", utc(splitSince)).param("actor", actor).param("at", utc(clock.now()))
                .update();
    }

    private void insertAllowed(String name, String plan) {
        jdbc.sql("INSERT INTO plan_group_plan (group_name, plan_key) VALUES (:name, :plan)")
                .param("name", name).param("plan", plan).update();
    }

    private static String describe(String name, PlanGroup earlier, PlanGroup later) {
        if (earlier == null) {
            return "group " + name + " created: master plan " + later.masterPlan() + ", allowed "
                    + String.join(", ", later.allowedPlans()) + (later.hasSplit() ? ", split " + split(later) : "")
                    + (later.decisionKey() == null ? "" : ", decision " + later.decisionKey());
        }
        List<String> changes = new ArrayList<>();
        change(changes, "master plan", earlier.masterPlan(), later.masterPlan());
        change(changes, "allowed", String.join(", ", earlier.allowedPlans()), String.join(", ", later.allowedPlans()));
        change(changes, "split", split(earlier), split(later));
        change(changes, "decision", earlier.decisionKey(), later.decisionKey());
        change(changes, "upcoming plan", earlier.upcomingPlan(), later.upcomingPlan());
        return "group " + name + ": " + (changes.isEmpty() ? "saved unchanged" : String.join("; ", changes));
    }

    private static void change(List<String> changes, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + " " + (before == null || before.isEmpty() ? "none" : before) + " -> "
                    + (after == null || after.isEmpty() ? "none" : after));
        }
    }

    private static String split(PlanGroup group) {
        return group.hasSplit() ? group.challengerPercent() + "% on " + group.challengerPlan() : "";
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static InvalidPlanGroupException.FieldError error(String field, String message) {
        return new InvalidPlanGroupException.FieldError(field, message);
    }
}
