package dev.dunning.upcoming;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.CustomerGroups;
import dev.dunning.ledger.Ledger;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.UpcomingPlanSettings;

/**
 * Reminders before a payment falls due. The daily evaluation starts, once per customer and due date,
 * the upcoming-payment plan of the customer's group when something falls due within the plan's
 * horizon; the plan waits until each of its days before the date and asks, through plan functions,
 * whether the date's amount is still unpaid before it reminds. These processes are not collection
 * cases: they have no case, no stage, and end by themselves.
 * <p>
 * Each group takes its upcoming-payment plan as the groups table says ({@code plans.PlanGroups}, seeded from
 * {@code dunning.groups.<group>.upcoming-plan} and edited on /plans/groups), else {@code dunning.upcoming.plan};
 * {@code none} means no reminders. Every plan named must be a deployed upcoming-payment plan, or the
 * application does not start.
 */
@Service
public class UpcomingPayments {

    private static final Logger log = LoggerFactory.getLogger(UpcomingPayments.class);

    /** The process variables of an upcoming-payment plan: whose payment, and due on which date. */
    public static final String CUSTOMER_ID = "customerId";
    public static final String DUE_ON = "dueOn";

    private final Ledger ledger;
    private final PlanCatalog plans;
    private final UpcomingStarts starts;
    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final UpcomingProperties properties;
    private final org.springframework.beans.factory.ObjectProvider<dev.dunning.ledger.GroupPlans> groups;

    UpcomingPayments(Ledger ledger, PlanCatalog plans, UpcomingStarts starts, JdbcClient jdbc, BusinessClock clock,
            CustomerGroups configured, UpcomingProperties properties,
            org.springframework.beans.factory.ObjectProvider<dev.dunning.ledger.GroupPlans> groups) {
        this.ledger = ledger;
        this.plans = plans;
        this.starts = starts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.groups = groups;
        planKeyByGroup(configured, properties, plans); // a fresh installation's settings must name deployed plans
    }

    private static Map<String, String> planKeyByGroup(dev.dunning.ledger.GroupPlans groups, UpcomingProperties properties,
            PlanCatalog plans) {
        Map<String, String> result = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String group : groups.names().stream().sorted().toList()) {
            String setting = groups.upcomingPlan(group).map(String::strip).orElse(null);
            String key = setting != null ? setting : properties.plan();
            if (key.equals(UpcomingProperties.NONE)) {
                continue;
            }
            if (plans.latestUpcoming(key).isEmpty()) {
                problems.add((setting != null ? "dunning.groups." + group + ".upcoming-plan" : "dunning.upcoming.plan")
                        + "=" + key + (plans.exists(key) ? " is a collection plan, not an upcoming-payment plan"
                                : " is not a deployed plan") + " (group " + group + ")");
            } else {
                result.put(group, key);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("upcoming-payment plans: " + String.join("; ", problems)
                    + "; deploy the plan under processes/ (with dunning:remindDaysBefore) or set the group's"
                    + " upcoming-plan to none");
        }
        log.info("Reminders before the due date: {}", result.isEmpty() ? "none" : result);
        return Map.copyOf(result);
    }

    /**
     * Starts the reminders of every customer who has something falling due within their plan's horizon
     * and is not reminded of that date yet, leaving out rows matching {@code unlessSql} (an SQL condition
     * of the caller over the row {@code d}: {@code customer_id}, {@code group_name}, {@code due_on}).
     * Forgets the dates that have passed. Returns how many reminders were started.
     */
    public int startReminders(String unlessSql) {
        LocalDate today = clock.today();
        jdbc.sql("DELETE FROM upcoming_payment WHERE due_on < :today").param("today", today).update();
        Map<String, UpcomingPlanSettings> planByGroup = new LinkedHashMap<>();
        // the groups as analysts keep them now (plans.PlanGroups); each setting was checked when it was saved
        upcomingPlanKeys().forEach((group, key) ->
                plans.latestUpcoming(key).ifPresent(plan -> planByGroup.put(group, plan)));
        if (planByGroup.isEmpty()) {
            return 0;
        }
        int horizon = planByGroup.values().stream().mapToInt(UpcomingPlanSettings::horizonDays).max().orElse(0);
        String alreadyStarted = """
                EXISTS (SELECT 1 FROM upcoming_payment u WHERE u.customer_id = d.customer_id AND u.due_on = d.due_on)""";
        int[] started = {0};
        List<UpcomingStarts.Start> batch = new ArrayList<>(UpcomingStarts.BATCH);
        List<String> unless = unlessSql == null ? List.of(alreadyStarted) : List.of(alreadyStarted, unlessSql);
        ledger.forEachAmountDue(today, today.plusDays(horizon), planByGroup.keySet(), unless, due -> {
            UpcomingPlanSettings plan = planByGroup.get(due.group());
            if (due.dueOn().isAfter(today.plusDays(plan.horizonDays()))) {
                return;
            }
            batch.add(new UpcomingStarts.Start(due, plan));
            if (batch.size() == UpcomingStarts.BATCH) {
                started[0] += starts.start(List.copyOf(batch));
                batch.clear();
            }
        });
        started[0] += starts.start(batch);
        return started[0];
    }

    /**
     * When the reminder {@code daysBefore} days before {@code dueOn} goes: that day at the plan's hour in
     * the company's zone; if that has passed (a late start), today at that hour, or now if that has passed too.
     */
    public Instant reminderTime(String processDefinitionId, LocalDate dueOn, int daysBefore) {
        UpcomingPlanSettings plan = plan(processDefinitionId);
        Instant now = clock.now();
        Instant planned = dueOn.minusDays(daysBefore).atTime(plan.remindAt()).atZone(clock.getZone()).toInstant();
        if (!planned.isBefore(now)) {
            return planned;
        }
        Instant todayAtTheHour = clock.today().atTime(plan.remindAt()).atZone(clock.getZone()).toInstant();
        return todayAtTheHour.isAfter(now) ? todayAtTheHour : now;
    }

    /**
     * Whether the reminder {@code daysBefore} days before {@code dueOn} has been overtaken: a later reminder
     * of the plan has come due as well (the plan started late), so only that later one goes.
     */
    public boolean overtaken(String processDefinitionId, LocalDate dueOn, int daysBefore) {
        long daysLeft = daysLeft(dueOn);
        return plan(processDefinitionId).remindDaysBefore().stream()
                .anyMatch(later -> later < daysBefore && daysLeft <= later);
    }

    /** What the customer still has to pay on {@code dueOn}; zero when it is paid or the date has passed. */
    public BigDecimal stillDue(String customerId, LocalDate dueOn) {
        if (dueOn.isBefore(clock.today())) {
            return BigDecimal.ZERO;
        }
        return ledger.amountDue(customerId, dueOn);
    }

    /** Days from today to {@code dueOn}. */
    public long daysLeft(LocalDate dueOn) {
        return ChronoUnit.DAYS.between(clock.today(), dueOn);
    }

    private UpcomingPlanSettings plan(String processDefinitionId) {
        return plans.upcomingPlan(processDefinitionId).orElseThrow(() -> new NoSuchElementException(
                "process definition " + processDefinitionId + " is not an upcoming-payment plan"));
    }

    /** Each group's upcoming-payment plan key as the groups table says now, leaving out groups with none. */
    private Map<String, String> upcomingPlanKeys() {
        dev.dunning.ledger.GroupPlans current = groups.getObject();
        Map<String, String> result = new LinkedHashMap<>();
        for (String group : current.names().stream().sorted().toList()) {
            String key = current.upcomingPlan(group).map(String::strip).filter(plan -> !plan.isEmpty())
                    .orElse(properties.plan());
            if (!key.equals(UpcomingProperties.NONE)) {
                result.put(group, key);
            }
        }
        return result;
    }
}
