package dev.dunning.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Ledger;
import dev.dunning.security.Roles;
import dev.dunning.support.PostgresTest;

/**
 * How fast the inbox answers with many open tasks: {@code bench.tasks} customers with debts, each with one real open
 * Flowable task (made through {@link TaskService}, so that {@link WorkItemListener} fills {@code work_item} as in
 * production), then the pages collectors and managers open, each through {@link Inbox} (query, customers' names,
 * cases' stages, forms), timed after a warm-up. The target is the first page of a collector's inbox in under 100 ms
 * with 100,000 open tasks. Run with {@code ./mvnw verify -Pbench -Dtest=InboxBenchmark}; prints {@code BENCH} lines
 * and fails on nothing but a wrong page: every page is compared with the one worked out here from the tasks made.
 * Size: {@code -Dbench.tasks=100000}; timed calls per figure: {@code -Dbench.runs=50}.
 */
@PostgresTest
@TestPropertySource(properties = {
        "flowable.async-executor-activate=false",
        "logging.level.dev.dunning=WARN"})
class InboxBenchmark {

    private static final int TASKS = Integer.getInteger("bench.tasks", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 50);
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 20);
    private static final int TASKS_PER_TRANSACTION = 1_000;
    private static final int PAGE_SIZE = 25;
    private static final double TARGET_MS = 100;

    private static final String[] SURNAMES = {"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
            "Соколов", "Михайлов", "Новиков", "Федоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семенов",
            "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров",
            "Зайцев", "Соловьев", "Борисов", "Яковлев", "Григорьев"};
    private static final String[] FIRST_NAMES = {"Иван", "Петр", "Алексей", "Сергей", "Андрей", "Дмитрий", "Михаил",
            "Николай", "Олег", "Павел", "Роман", "Юрий", "Виктор", "Григорий", "Степан", "Анна", "Мария", "Елена",
            "Ольга", "Татьяна"};
    private static final String[] PATRONYMICS = {"Иванович", "Петрович", "Алексеевич", "Сергеевич", "Андреевич",
            "Дмитриевич", "Михайлович", "Николаевич", "Олегович", "Павлович", "Романович", "Юрьевич"};

    @Autowired
    Inbox inbox;
    @Autowired
    WorkList workList;
    @Autowired
    TaskService tasks;
    @Autowired
    Ledger ledger;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NamedParameterJdbcTemplate named;
    @Autowired
    PlatformTransactionManager transactions;

    /** The kinds of task the shipped plans make, by the group that works them. */
    private enum Kind {
        CALL("collectors", "callDebtor", "Call the debtor", "call-debtor", "call"),
        LEGAL("lawyers", "handleLegalCase", "Work the legal case", "legal-case", "legal"),
        WRITE_OFF("managers", "approveWriteOff", "Approve writing the debt off", "approve-write-off", "legal");

        final String group;
        final String activity;
        final String title;
        final String form;
        final String stage;

        Kind(String group, String activity, String title, String form, String stage) {
            this.group = group;
            this.activity = activity;
            this.title = title;
            this.form = form;
            this.stage = stage;
        }
    }

    /** A task as made here, with what the inbox should show of it. */
    private record Made(String taskId, String customerId, String customerName, String group, String assignee,
            int priority, BigDecimal amount, LocalDate oldestDueOn, Instant dueAt) {
    }

    private record Customer(String id, String name, Kind kind) {
    }

    @Test
    void theFirstPageOfACollectorsInboxWithAHundredThousandOpenTasks() {
        Random random = new Random(20260302);
        List<Customer> customers = insertCustomersInvoicesAndCases(random);
        Map<String, DebtSummary> debts = ledger.debtOf(customers.stream().map(Customer::id).toList()).stream()
                .collect(Collectors.toMap(DebtSummary::customerId, debt -> debt));
        List<Made> made = createTasks(customers, debts, random);
        describeTheReadModel(made);

        Inbox.Worker collector = inbox.worker("collector", Set.of(Roles.COLLECTOR));
        Inbox.Worker manager = inbox.worker("manager", Set.of(Roles.MANAGER));
        Predicate<Made> collectorSees = task -> "collector".equals(task.assignee())
                || task.assignee() == null && task.group().equals("collectors");
        // A debtor on the phone, whose call task waits in the collectors' queue.
        Customer someone = made.stream().skip(made.size() / 3)
                .filter(task -> task.group().equals("collectors") && task.assignee() == null).findFirst()
                .map(task -> customers.stream().filter(customer -> customer.id().equals(task.customerId())).findFirst()
                        .orElseThrow()).orElseThrow();
        String surname = "кузнецов";
        String fullName = someone.name();

        page("collector: MINE, PRIORITY, page 0", collector, mine(InboxQuery.Sort.PRIORITY, false, 0, null, null, null),
                made, collectorSees, byPriority(), true);
        page("collector: page 10", collector, mine(InboxQuery.Sort.PRIORITY, false, 10, null, null, null),
                made, collectorSees, byPriority(), false);
        page("collector: AMOUNT desc", collector, mine(InboxQuery.Sort.AMOUNT, true, 0, null, null, null),
                made, collectorSees, Comparator.comparing(Made::amount).reversed().thenComparing(Made::taskId), false);
        page("collector: DUE", collector, mine(InboxQuery.Sort.DUE, false, 0, null, null, null),
                made, collectorSees, Comparator.comparing(Made::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Made::taskId), false);
        page("collector: name '" + surname + "'", collector, mine(InboxQuery.Sort.PRIORITY, false, 0, surname, null, null),
                made, collectorSees.and(customerStartsWith(surname)), byPriority(), false);
        page("collector: full name", collector, mine(InboxQuery.Sort.PRIORITY, false, 0, fullName, null, null),
                made, collectorSees.and(customerStartsWith(fullName)), byPriority(), false);
        page("collector: customer id", collector, mine(InboxQuery.Sort.PRIORITY, false, 0, someone.id(), null, null),
                made, collectorSees.and(customerStartsWith(someone.id())), byPriority(), false);
        BigDecimal min = new BigDecimal("10000");
        BigDecimal max = new BigDecimal("20000");
        page("collector: 10,000-20,000", collector, mine(InboxQuery.Sort.PRIORITY, false, 0, null, min, max),
                made, collectorSees.and(task -> task.amount().compareTo(min) >= 0 && task.amount().compareTo(max) <= 0),
                byPriority(), false);
        page("manager: ALL, page 0", manager, InboxQuery.all(PAGE_SIZE), made, task -> true, byPriority(), false);
        workload(manager, made);
    }

    private static InboxQuery mine(InboxQuery.Sort sort, boolean descending, int page, String customer,
            BigDecimal minAmount, BigDecimal maxAmount) {
        return new InboxQuery(InboxQuery.Scope.MINE, null, customer, minAmount, maxAmount, null, null, sort, descending,
                page, PAGE_SIZE);
    }

    /** The order of {@link InboxQuery.Sort#PRIORITY}; these tasks follow no promise, so that key is the same for all. */
    private static Comparator<Made> byPriority() {
        return Comparator.comparing(Made::priority).reversed().thenComparing(Made::amount)
                .thenComparing(Made::oldestDueOn).thenComparing(Made::taskId);
    }

    private static Predicate<Made> customerStartsWith(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return task -> task.customerId().startsWith(text) || task.customerName().toLowerCase(Locale.ROOT).startsWith(lower);
    }

    /**
     * Customers owing from a few hundred to a few hundred thousand (log-uniform, one to three invoices each, overdue
     * for a month to a year), each with an open case at the stage of their task.
     */
    private List<Customer> insertCustomersInvoicesAndCases(Random random) {
        long started = System.nanoTime();
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        LocalDate today = clock.today();
        List<Customer> customers = new ArrayList<>(TASKS);
        int chunk = 5_000;
        int invoiceCount = 0;
        for (int from = 0; from < TASKS; from += chunk) {
            List<SqlParameterSource> customerRows = new ArrayList<>();
            List<SqlParameterSource> invoiceRows = new ArrayList<>();
            List<SqlParameterSource> caseRows = new ArrayList<>();
            for (int n = from; n < Math.min(TASKS, from + chunk); n++) {
                String id = String.format("IB-%06d", n);
                String name = SURNAMES[random.nextInt(SURNAMES.length)] + " " + FIRST_NAMES[random.nextInt(FIRST_NAMES.length)]
                        + " " + PATRONYMICS[random.nextInt(PATRONYMICS.length)];
                int share = random.nextInt(100);
                Kind kind = share < 80 ? Kind.CALL : share < 92 ? Kind.LEGAL : Kind.WRITE_OFF;
                customers.add(new Customer(id, name, kind));
                customerRows.add(new MapSqlParameterSource().addValue("id", id).addValue("name", name)
                        .addValue("phone", "+7900" + (1_000_000 + n)).addValue("now", now));
                int invoices = 1 + random.nextInt(3);
                for (int i = 0; i < invoices; i++) {
                    double amount = Math.exp(Math.log(300) + random.nextDouble() * (Math.log(300_000) - Math.log(300)))
                            / invoices;
                    invoiceRows.add(new MapSqlParameterSource().addValue("id", id + "-" + i).addValue("customer", id)
                            .addValue("due", today.minusDays(30 + random.nextInt(335)))
                            .addValue("amount", BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP))
                            .addValue("now", now));
                    invoiceCount++;
                }
                caseRows.add(new MapSqlParameterSource().addValue("id", caseOf(id)).addValue("customer", id)
                        .addValue("stage", kind.stage).addValue("now", now));
            }
            named.batchUpdate("""
                    INSERT INTO customer (customer_id, name, group_name, phone, locale, time_zone, updated_at)
                    VALUES (:id, :name, 'individual', :phone, 'ru', 'Europe/Moscow', :now)""",
                    customerRows.toArray(SqlParameterSource[]::new));
            named.batchUpdate("""
                    INSERT INTO invoice (invoice_id, customer_id, contract, service, due_on, amount, currency, imported_at)
                    VALUES (:id, :customer, 'C-1', 'internet', :due, :amount, 'RUB', :now)""",
                    invoiceRows.toArray(SqlParameterSource[]::new));
            named.batchUpdate("""
                    INSERT INTO collection_case (case_id, customer_id, active_key, plan_key, plan_version, status, stage,
                                                 opened_at)
                    VALUES (:id, :customer, :customer || '|', 'individual-standard', 1, 'open', :stage, :now)""",
                    caseRows.toArray(SqlParameterSource[]::new));
        }
        for (String table : List.of("customer", "invoice", "collection_case")) {
            jdbc.sql("VACUUM ANALYZE " + table).update();
        }
        figure("debtors", "%,d customers, %,d invoices and %,d cases inserted in %.1f s", TASKS, invoiceCount, TASKS,
                seconds(started));
        return customers;
    }

    private static String caseOf(String customerId) {
        return "case-" + customerId;
    }

    /**
     * One open task per customer, as a plan's user task would be: most for collectors, some for lawyers and managers,
     * one in ten more urgent, three in ten with a due time (some already past), one collector's task in sixteen
     * claimed by {@code collector}.
     */
    private List<Made> createTasks(List<Customer> customers, Map<String, DebtSummary> debts, Random random) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        Instant now = clock.now();
        List<Made> made = new ArrayList<>(TASKS);
        long started = System.nanoTime();
        long analyzing = 0;
        int analyses = 0;
        int analyzedAt = 0;
        for (int from = 0; from < customers.size(); from += TASKS_PER_TRANSACTION) {
            List<Customer> batch = customers.subList(from, Math.min(customers.size(), from + TASKS_PER_TRANSACTION));
            transaction.executeWithoutResult(status -> {
                for (Customer customer : batch) {
                    made.add(createTask(customer, debts.get(customer.id()), now, random));
                }
            });
            // What autovacuum does in the background with its default thresholds (50 rows + 10 % changed). Without
            // statistics PostgreSQL replans nothing: a lookup planned on the empty table stays a scan of a whole lane.
            if (made.size() - analyzedAt > 50 + analyzedAt / 10) {
                long analyzeStarted = System.nanoTime();
                for (String table : GROWING_TABLES) {
                    jdbc.sql("ANALYZE " + table).update();
                }
                analyzing += System.nanoTime() - analyzeStarted;
                analyses++;
                analyzedAt = made.size();
            }
        }
        double took = seconds(started) - analyzing / 1e9;
        figure("tasks created", "%,d open tasks (TaskService, WorkItemListener) in %.1f s = %,.0f tasks/s, %d a transaction",
                TASKS, took, TASKS / took, TASKS_PER_TRANSACTION);
        figure("autoanalyze", "ANALYZE of the engine's task tables and work_item %d times as they grew, %.1f s apart from "
                + "the above (this server: autovacuum=%s)", analyses, analyzing / 1e9,
                jdbc.sql("SHOW autovacuum").query(String.class).single());
        return made;
    }

    /** The tables that making tasks fills. */
    private static final List<String> GROWING_TABLES = List.of("work_item", "act_ru_task", "act_ru_identitylink",
            "act_ru_variable", "act_hi_taskinst", "act_hi_identitylink", "act_hi_varinst");

    private Made createTask(Customer customer, DebtSummary debt, Instant now, Random random) {
        Kind kind = customer.kind();
        int roll = random.nextInt(100);
        int priority = roll < 10 ? 70 : roll < 15 ? 30 : 50;
        // Half past the hour: never on the hour that the business clock may just be passing.
        Instant dueAt = random.nextInt(10) < 3 ? now.plus(Duration.ofMinutes(30 + 60L * (random.nextInt(17 * 24) - 72))) : null;
        TaskBuilder builder = tasks.createTaskBuilder().name(kind.title).taskDefinitionKey(kind.activity)
                .formKey(kind.form).category("bench").priority(priority);
        if (dueAt != null) {
            builder.dueDate(Date.from(dueAt));
        }
        Task task = builder.create();
        tasks.addCandidateGroup(task.getId(), kind.group);
        tasks.setVariablesLocal(task.getId(), Map.of("customerId", customer.id(), "caseId", caseOf(customer.id())));
        String assignee = null;
        if (kind == Kind.CALL && random.nextInt(16) == 0) {
            tasks.claim(task.getId(), "collector");
            assignee = "collector";
        }
        return new Made(task.getId(), customer.id(), customer.name(), kind.group, assignee, priority,
                debt.conditionalDebt(), debt.oldestDueOn(), dueAt);
    }

    private void describeTheReadModel(List<Made> made) {
        assertThat(tasks.createTaskQuery().taskCategory("bench").count()).isEqualTo(TASKS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM work_item WHERE lane = ''").query(Integer.class).single())
                .isEqualTo(TASKS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM work_item WHERE lane <> ''").query(Integer.class).single())
                .isEqualTo(TASKS);
        long claimed = made.stream().filter(task -> task.assignee() != null).count();
        long dated = made.stream().filter(task -> task.dueAt() != null).count();
        figure("tasks", "%,d collectors', %,d lawyers', %,d managers'; %,d claimed by collector; %,d with a due time",
                made.stream().filter(task -> task.group().equals("collectors")).count(),
                made.stream().filter(task -> task.group().equals("lawyers")).count(),
                made.stream().filter(task -> task.group().equals("managers")).count(), claimed, dated);
        // As autovacuum would have by the time people open their inboxes: a table just filled has no statistics.
        long vacuumStarted = System.nanoTime();
        jdbc.sql("VACUUM ANALYZE work_item").update();
        jdbc.sql("CHECKPOINT").update();
        figure("vacuum", "VACUUM ANALYZE work_item and CHECKPOINT in %.1f s", seconds(vacuumStarted));
        Map<String, Object> sizes = jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM work_item) AS row_count, pg_total_relation_size('work_item') AS total,
                       pg_relation_size('work_item') AS heap, pg_indexes_size('work_item') AS indexes""")
                .query().singleRow();
        figure("work_item", "%,d rows, %s in all: table %s, indexes %s", ((Number) sizes.get("row_count")).longValue(),
                megabytes(sizes.get("total")), megabytes(sizes.get("heap")), megabytes(sizes.get("indexes")));
        jdbc.sql("""
                SELECT indexrelname, pg_relation_size(indexrelid) AS size FROM pg_stat_user_indexes
                WHERE relname = 'work_item' ORDER BY indexrelname""")
                .query((rs, row) -> new String[] {rs.getString(1), megabytes(rs.getLong(2))}).list()
                .forEach(index -> figure("  index", "%s %s", index[0], index[1]));
    }

    /**
     * Times {@link Inbox#page} with this query and checks the page against the tasks made: the same tasks in the same
     * order, with their customers' debts.
     */
    private void page(String what, Inbox.Worker worker, InboxQuery query, List<Made> made, Predicate<Made> visible,
            Comparator<Made> order, boolean explain) {
        List<Made> matching = made.stream().filter(visible).sorted(order).toList();
        int from = Math.min(matching.size(), query.page() * query.size());
        List<Made> expected = matching.subList(from, Math.min(matching.size(), from + query.size()));
        InboxPage page = inbox.page(worker, query);
        assertThat(page.tasks()).extracting(TaskView::id).as(what).containsExactlyElementsOf(
                expected.stream().map(Made::taskId).toList());
        assertThat(page.hasNext()).as(what + ": another page").isEqualTo(matching.size() > from + query.size());
        Map<String, Made> byId = new HashMap<>();
        expected.forEach(task -> byId.put(task.taskId(), task));
        page.tasks().forEach(task -> {
            assertThat(task.amount()).as(what + ": amount of " + task.id()).isEqualByComparingTo(byId.get(task.id()).amount());
            assertThat(task.customerName()).as(what).isEqualTo(byId.get(task.id()).customerName());
            assertThat(task.stage()).as(what).isNotNull();
            assertThat(task.form()).as(what).isNotNull();
        });
        double[] millis = timed(() -> inbox.page(worker, query));
        report(what, millis, String.format("%,d matching, %d shown", matching.size(), page.tasks().size()));
        if (explain || percentile(millis, 95) >= TARGET_MS) {
            explain(what, query, worker);
        }
    }

    private void workload(Inbox.Worker manager, List<Made> made) {
        Instant now = clock.now();
        List<Inbox.Workload> expected = new ArrayList<>();
        List<Made> claimed = made.stream().filter(task -> task.assignee() != null).toList();
        expected.add(new Inbox.Workload("collector", null, claimed.size(), overdue(claimed, now)));
        made.stream().filter(task -> task.assignee() == null).collect(Collectors.groupingBy(Made::group))
                .forEach((group, open) -> expected.add(new Inbox.Workload(null, group, open.size(), overdue(open, now))));
        assertThat(inbox.workload(manager)).containsExactlyInAnyOrderElementsOf(expected);
        double[] millis = timed(() -> inbox.workload(manager));
        report("manager: workload", millis, String.format("%d people and groups", expected.size()));
    }

    private static int overdue(List<Made> tasks, Instant now) {
        return (int) tasks.stream().filter(task -> task.dueAt() != null && task.dueAt().isBefore(now)).count();
    }

    private void explain(String what, InboxQuery query, Inbox.Worker worker) {
        WorkList.Statement statement = workList.pageStatement(query, worker.name(), worker.groups());
        List<String> plan = named.query("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql(), statement.parameters(),
                (rs, row) -> rs.getString(1));
        System.out.println("BENCH EXPLAIN " + what + "\n" + String.join("\n", plan));
    }

    private static double[] timed(Supplier<?> call) {
        for (int i = 0; i < WARM_UP; i++) {
            call.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void report(String what, double[] millis, String detail) {
        figure(what, "p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d runs; %s)", percentile(millis, 50),
                percentile(millis, 95), millis[millis.length - 1], millis.length, detail);
    }

    private static String megabytes(Object bytes) {
        return String.format("%.1f MB", ((Number) bytes).doubleValue() / (1024 * 1024));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void figure(String what, String format, Object... values) {
        System.out.printf("BENCH %-34s %s%n", what, String.format(format, values));
    }
}
