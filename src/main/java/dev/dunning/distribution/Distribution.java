package dev.dunning.distribution;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.identitylink.api.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.inbox.AssignedWork;
import dev.dunning.inbox.Inbox;
import dev.dunning.security.Roles;
import dev.dunning.security.Teams;
import dev.dunning.security.UserAccounts;
import dev.dunning.timeline.Timeline;

/**
 * Hands call and lawyer tasks to people by the analysts' rules ({@code rules/assignment-rules.json}): the first
 * matching rule names a team and a strategy; a customer whose open task a team member already holds gets that
 * person again. People marked away get no new tasks and their open ones go to the others. Whose turn it is and who
 * holds what are read from the database under a lock on the team's turn row, so the nodes of a cluster agree.
 */
@Service
public class Distribution {

    private static final Logger log = LoggerFactory.getLogger(Distribution.class);
    /** Who is named on the timeline for what the rules do by themselves. */
    static final Inbox.Worker SYSTEM = new Inbox.Worker(Timeline.SYSTEM, Set.of(Roles.ADMIN), List.of());

    private final AssignmentRules rules;
    private final TaskFactsReader facts;
    private final Absences absences;
    private final AssignedWork assigned;
    private final Teams teams;
    private final UserAccounts accounts;
    private final Inbox inbox;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate transaction;

    Distribution(AssignmentRules rules, TaskFactsReader facts, Absences absences, AssignedWork assigned, Teams teams,
            UserAccounts accounts, Inbox inbox, TaskService tasks, RuntimeService runtime, Timeline timeline,
            BusinessClock clock, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.rules = rules;
        this.facts = facts;
        this.absences = absences;
        this.assigned = assigned;
        this.teams = teams;
        this.accounts = accounts;
        this.inbox = inbox;
        this.tasks = tasks;
        this.runtime = runtime;
        this.timeline = timeline;
        this.clock = clock;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Who gets a task and by which rule. */
    record Choice(String assignee, AssignmentRule rule, boolean sameCustomer) {

        String describe() {
            return rule.label() + ", " + (sameCustomer ? "the customer's collector" : rule.strategy().code());
        }
    }

    /** Whether any rule takes tasks of this kind; cheap, for the listener to skip every other task. */
    boolean anyRuleTakes(String taskKey, Collection<String> candidateGroups) {
        return rules.anyTakes(taskKey, candidateGroups);
    }

    /**
     * The person a task goes to under the rules, in the caller's transaction, or empty when no rule matches or the
     * rule's team has nobody at work (the task then stays a group task).
     *
     * @param taskId  the task being assigned, which does not count as the customer's open work
     * @param leaving people who must not get it (the one whose tasks are being moved)
     */
    Optional<Choice> choose(TaskFacts task, String taskId, Set<String> leaving) {
        Optional<AssignmentRule> found = rules.firstMatching(task);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AssignmentRule rule = found.get();
        String last = lockTurn(rule.team());
        Set<String> away = new HashSet<>(absences.awayOn(clock.today()));
        away.addAll(leaving);
        List<String> people = teams.membersOf(rule.team()).stream().filter(person -> !away.contains(person)).toList();
        if (people.isEmpty()) {
            log.warn("{} of {} matched task {}, but team '{}' has nobody at work: the task stays a group task",
                    rule.label(), AssignmentRules.FILE, taskId, rule.team());
            return Optional.empty();
        }
        Optional<String> holder = assigned.holderOfCustomer(task.customerId(), people, taskId);
        if (holder.isPresent()) {
            return Optional.of(new Choice(holder.get(), rule, true));
        }
        String person = rule.strategy().pick(people, last, assigned.openTasksOf(people));
        jdbc.sql("UPDATE assignment_turn SET last_assignee = :person, updated_at = :at WHERE team = :team")
                .param("person", person).param("at", clock.now().atOffset(ZoneOffset.UTC)).param("team", rule.team())
                .update();
        return Optional.of(new Choice(person, rule, false));
    }

    /**
     * Locks the team's turn row until the caller's transaction ends, so that tasks of one team are handed out one
     * at a time across the cluster; returns who got the team's last task.
     */
    private String lockTurn(String team) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM assignment_turn WHERE team = :team").param("team", team)
                .query(Integer.class).single() > 0;
        if (!exists) {
            // In a transaction of its own: another node inserting the same team at the same moment must not
            // spoil the transaction that makes the task.
            try {
                ownTransaction.executeWithoutResult(status -> jdbc.sql(
                        "INSERT INTO assignment_turn (team, last_assignee, updated_at) VALUES (:team, NULL, :at)")
                        .param("team", team).param("at", clock.now().atOffset(ZoneOffset.UTC)).update());
            } catch (DuplicateKeyException e) {
                // another node made the row first: fine
            }
        }
        return jdbc.sql("SELECT last_assignee FROM assignment_turn WHERE team = :team FOR UPDATE")
                .param("team", team).query(String.class).optional().orElse(null);
    }

    /**
     * Marks a person away (by a manager, audited) and hands their open tasks to the others by the same rules. With
     * {@code from} today or earlier the tasks move now; a later start moves them on that day's check.
     *
     * @param from  first day away; null for today
     * @param until last day away; null for until further notice
     */
    public Absence markAway(String username, LocalDate from, LocalDate until, String reason, Inbox.Worker by) {
        mayManage(by);
        String person = username == null ? "" : username.strip();
        if (!teams.isActiveUser(person)) {
            throw new IllegalArgumentException("username: '" + person + "' is not an active user");
        }
        LocalDate first = from == null ? clock.today() : from;
        if (until != null && until.isBefore(first)) {
            throw new IllegalArgumentException("until: " + until + " is before from (" + first + ")");
        }
        if (until != null && until.isBefore(clock.today())) {
            throw new IllegalArgumentException("until: " + until + " is already past (today is " + clock.today() + ")");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw new IllegalArgumentException("reason: at most 500 characters, not " + why.length());
        }
        Absence absence = new Absence(person, first, until, why, by.name(), clock.now());
        transaction.executeWithoutResult(status -> {
            absences.put(absence);
            timeline.record(null, null, "user-away", by.name(), person + " away from " + first
                    + (until == null ? " until further notice" : " until " + until) + (why == null ? "" : " (" + why + ")"));
        });
        if (absence.covers(clock.today())) {
            reassignWorkOf(person, by);
        }
        return absence;
    }

    /** The person is back: new work flows to them again (audited). Their tasks handed to others stay there. */
    public void markBack(String username, Inbox.Worker by) {
        mayManage(by);
        transaction.executeWithoutResult(status -> {
            if (!absences.remove(username)) {
                throw new NoSuchElementException("'" + username + "' is not marked away");
            }
            timeline.record(null, null, "user-back", by.name(), username + " back at work");
        });
    }

    /** Hands the open tasks of everyone away today to the others; returns how many tasks moved. */
    int reassignWorkOfAbsent() {
        int moved = 0;
        for (String person : absences.awayOn(clock.today())) {
            moved += reassignWorkOf(person, SYSTEM);
        }
        return moved;
    }

    /**
     * Each open task {@code person} holds goes to whom the rules pick among the others (the customer's other tasks
     * follow to the same person), or back to its groups when no rule takes it. Tasks of suspended cases wait until
     * the case resumes and the day's check moves them.
     */
    int reassignWorkOf(String person, Inbox.Worker by) {
        int moved = 0;
        for (AssignedWork.HeldTask held : assigned.heldBy(person)) {
            if (held.suspended()) {
                continue;
            }
            transaction.executeWithoutResult(status -> {
                List<String> groups = tasks.getIdentityLinksForTask(held.taskId()).stream()
                        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                        .map(IdentityLink::getGroupId).toList();
                String provider = held.processInstanceId() == null ? null
                        : runtime.getVariable(held.processInstanceId(), "provider") instanceof String id ? id : null;
                TaskFacts task = facts.of(held.activityId(), groups, held.customerId(), provider);
                Optional<Choice> choice = choose(task, held.taskId(), Set.of(person));
                String reason = person + " is away";
                if (choice.isPresent()) {
                    inbox.reassign(held.taskId(), choice.get().assignee(), reason + "; " + choice.get().describe(), by);
                } else {
                    inbox.unclaim(held.taskId(), by);
                }
            });
            moved++;
        }
        return moved;
    }

    /** One person's load, for managers. */
    public record CollectorLoad(String username, List<String> groups, int open, int overdue, Absence absence,
            boolean awayToday) {
    }

    /**
     * Every collector and lawyer, everyone in a team the rules name, and everyone holding open tasks: their open
     * and overdue tasks, their groups and whether they are away.
     */
    public List<CollectorLoad> load(Inbox.Worker by) {
        mayManage(by);
        Map<String, int[]> counts = new TreeMap<>();
        for (Inbox.Workload load : inbox.workload(by)) {
            if (load.assignee() != null) {
                counts.put(load.assignee(), new int[] {load.open(), load.overdue()});
            }
        }
        Set<String> ruleTeams = new TreeSet<>();
        rules.current().forEach(rule -> ruleTeams.add(rule.team()));
        Map<String, Absence> away = new TreeMap<>();
        absences.all().forEach(absence -> away.put(absence.username(), absence));
        List<CollectorLoad> loads = new ArrayList<>();
        LocalDate today = clock.today();
        for (UserAccounts.Account account : accounts.list()) {
            List<String> groups = teams.groupsOf(account.username(), account.roles());
            boolean works = account.enabled() && (account.roles().contains(Roles.COLLECTOR)
                    || account.roles().contains(Roles.LAWYER) || groups.stream().anyMatch(ruleTeams::contains));
            if (!works && !counts.containsKey(account.username())) {
                continue;
            }
            int[] count = counts.getOrDefault(account.username(), new int[2]);
            Absence absence = away.get(account.username());
            loads.add(new CollectorLoad(account.username(), groups, count[0], count[1], absence,
                    absence != null && absence.covers(today)));
        }
        return loads;
    }

    /** The rules in force and, if the file on disk cannot be used, why. */
    public record RulesInForce(String file, List<RuleView> rules, String problem) {
    }

    /** One rule as the API shows it. */
    public record RuleView(int index, int line, String name, List<String> tasks, List<String> groups,
            List<String> buildings, List<String> regions, List<String> services, List<String> providers,
            List<String> languages, java.math.BigDecimal minAmount, java.math.BigDecimal maxAmount, String team,
            String strategy) {
    }

    public RulesInForce rules() {
        List<RuleView> views = rules.current().stream().map(rule -> new RuleView(rule.index(), rule.line(), rule.name(),
                rule.tasks(), rule.groups(), rule.buildings(), rule.regions(), rule.services(), rule.providers(),
                rule.languages(), rule.minAmount(), rule.maxAmount(), rule.team(), rule.strategy().code())).toList();
        return new RulesInForce(AssignmentRules.FILE, views, rules.problem().orElse(null));
    }

    private static void mayManage(Inbox.Worker by) {
        if (!by.seesAll()) {
            throw new AccessDeniedException("only managers and admins see the team's load and mark people away");
        }
    }
}
