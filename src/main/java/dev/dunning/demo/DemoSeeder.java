package dev.dunning.demo;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.inbox.Inbox;
import dev.dunning.inbox.TaskView;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.security.Roles;

/**
 * Gives a first look something to see: a few hundred customers billed monthly since autumn, most
 * paying on time, some late, some never, lived through in simulated time up to
 * {@code dunning.demo.until} with a demo collector and lawyer working their inboxes. Afterwards
 * there are cases in every stage, settled ones with thank-you notes, and tasks waiting.
 * Runs once, on an empty ledger, in simulated time only; everything goes through the real imports,
 * evaluation, plans and inbox.
 */
@Component
@Order(10)
class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String[] FIRST = {"Anna", "Boris", "Vera", "Gleb", "Daria", "Egor", "Zoya", "Ilya", "Kira",
            "Lev", "Maria", "Nikita", "Olga", "Pavel", "Rita", "Semyon", "Tamara", "Fyodor", "Yulia", "Yan"};
    private static final String[] LAST = {"Ivanova", "Petrov", "Smirnova", "Kuznetsov", "Popova", "Sokolov",
            "Lebedeva", "Kozlov", "Novikova", "Morozov", "Volkova", "Solovyov", "Vasilyeva", "Zaitsev", "Pavlova"};
    private static final String[] COMPANIES = {"Severny Veter LLC", "Rassvet Trading", "Kedr Logistics",
            "Bereg Foods", "Polyus Print", "Volna Services", "Zenit Auto", "Iskra Tech"};
    private static final String[] BODIES = {"School No. 12", "City Polyclinic No. 3", "District Library",
            "Municipal Sports Centre", "Kindergarten No. 41"};

    private final boolean enabled;
    private final int customers;
    private final Instant until;
    private final LocalDate firstBill;
    private final BusinessClock clock;
    private final BusinessTime time;
    private final RegistryImport imports;
    private final Inbox inbox;
    private final JdbcClient jdbc;

    DemoSeeder(@Value("${dunning.demo.seed:false}") boolean enabled,
            @Value("${dunning.demo.customers:300}") int customers,
            @Value("${dunning.demo.until:2026-03-02T05:00:00Z}") Instant until,
            @Value("${dunning.demo.first-bill:2025-10-01}") LocalDate firstBill,
            BusinessClock clock, BusinessTime time, RegistryImport imports, Inbox inbox, JdbcClient jdbc) {
        this.enabled = enabled;
        this.customers = customers;
        this.until = until;
        this.firstBill = firstBill;
        this.clock = clock;
        this.time = time;
        this.imports = imports;
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    private enum Habit { PUNCTUAL, LATE, NEVER }

    private record Bill(String invoiceId, String customerId, LocalDate dueOn, BigDecimal amount) {
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !clock.isSimulated() || clock.now().isAfter(until)
                || jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single() > 0) {
            return;
        }
        long started = System.nanoTime();
        Random random = new Random(20260302L);
        log.info("Seeding the demo ledger: {} customers, lived through from {} to {} in simulated time",
                customers, clock.today(), until);

        StringBuilder customerCsv = new StringBuilder("customer_id,name,group,email,phone,locale,address,building\n");
        StringBuilder invoiceCsv = new StringBuilder("invoice_id,customer_id,contract,service,issued_on,due_on,amount\n");
        TreeMap<LocalDate, StringBuilder> paymentsByDay = new TreeMap<>();
        YearMonth lastMonth = YearMonth.from(LocalDate.ofInstant(until, clock.getZone()));
        for (int n = 1; n <= customers; n++) {
            String id = "D%05d".formatted(n);
            String group = n % 20 == 0 ? "public" : n % 7 == 0 ? "business" : "individual";
            String name = switch (group) {
                case "public" -> BODIES[n % BODIES.length];
                case "business" -> COMPANIES[n % COMPANIES.length];
                default -> FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            };
            String locale = n % 5 == 0 ? "en" : "ru";
            String email = random.nextInt(10) < 8 ? "customer" + n + "@example.org" : "";
            String phone = "+7900" + "%07d".formatted(random.nextInt(10_000_000));
            int building = 1 + n % 12;
            customerCsv.append(String.join(",", id, name, group, email, phone, locale,
                    "\"Lenina St " + building + ", apt " + (n % 90 + 1) + "\"", "B" + building)).append('\n');

            Habit habit = habitOf(random.nextInt(100));
            int dueDay = 5 + 5 * random.nextInt(5);
            BigDecimal monthly = monthlyAmount(group, random);
            for (YearMonth month = YearMonth.from(firstBill); !month.isAfter(lastMonth); month = month.plusMonths(1)) {
                Bill bill = new Bill(id + "-" + month, id, month.atDay(dueDay), monthly);
                invoiceCsv.append(String.join(",", bill.invoiceId(), id, "K-" + id, serviceOf(group),
                        month.atDay(1).toString(), bill.dueOn().toString(), bill.amount().toPlainString())).append('\n');
                schedulePayment(habit, bill, random, paymentsByDay);
            }
        }
        importCsv(RegistryKind.CUSTOMERS, customerCsv);
        importCsv(RegistryKind.INVOICES, invoiceCsv);

        LocalDate today = clock.today();
        StringBuilder past = new StringBuilder();
        paymentsByDay.headMap(today.plusDays(1)).values().forEach(past::append);
        importPayments(past);

        while (clock.now().isBefore(until)) {
            Instant next = clock.now().plus(Duration.ofDays(1));
            time.moveTo(next.isAfter(until) ? until : next);
            StringBuilder todays = paymentsByDay.get(clock.today());
            if (todays != null) {
                importPayments(todays);
            }
            if (clock.now().isBefore(until)) {
                workInboxes(random); // the last morning's inbox is left for the people who look first
            }
        }
        log.info("Demo ledger seeded in {} s; business time is now {}", (System.nanoTime() - started) / 1_000_000_000,
                clock.now());
    }

    private static Habit habitOf(int percent) {
        return percent < 62 ? Habit.PUNCTUAL : percent < 86 ? Habit.LATE : Habit.NEVER;
    }

    private static BigDecimal monthlyAmount(String group, Random random) {
        int base = switch (group) {
            case "business" -> 8_000 + random.nextInt(60_000);
            case "public" -> 12_000 + random.nextInt(40_000);
            default -> 900 + random.nextInt(5_000);
        };
        return BigDecimal.valueOf(base).add(BigDecimal.valueOf(random.nextInt(100), 2)).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String serviceOf(String group) {
        return switch (group) {
            case "business" -> "telecom";
            case "public" -> "heating";
            default -> "utilities";
        };
    }

    private void schedulePayment(Habit habit, Bill bill, Random random, Map<LocalDate, StringBuilder> paymentsByDay) {
        LocalDate paidOn;
        BigDecimal amount = bill.amount();
        switch (habit) {
            case PUNCTUAL -> paidOn = bill.dueOn().minusDays(random.nextInt(6));
            case LATE -> {
                paidOn = bill.dueOn().plusDays(8 + random.nextInt(35));
                if (random.nextInt(4) == 0) {
                    amount = amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
                }
            }
            default -> {
                return;
            }
        }
        paymentsByDay.computeIfAbsent(paidOn, day -> new StringBuilder())
                .append(String.join(",", "PAY-" + bill.invoiceId(), bill.customerId(), paidOn.toString(),
                        amount.toPlainString()))
                .append('\n');
    }

    /**
     * A demo collector, lawyer and manager answer most tasks the day after they appear, with every outcome the
     * forms offer; some stay for a person to see.
     */
    private void workInboxes(Random random) {
        var collector = inbox.worker("collector", Set.of(Roles.COLLECTOR));
        for (TaskView task : inbox.tasksOf(collector, 500)) {
            if (!"callDebtor".equals(task.activityId()) || isFromToday(task) || random.nextInt(10) < 3) {
                continue;
            }
            inbox.complete(task.id(), callOutcome(random.nextInt(20)), collector);
        }
        var lawyer = inbox.worker("lawyer", Set.of(Roles.LAWYER));
        for (TaskView task : inbox.tasksOf(lawyer, 500)) {
            if (!"handleLegalCase".equals(task.activityId()) || isFromToday(task) || random.nextInt(10) < 4) {
                continue;
            }
            inbox.complete(task.id(), legalOutcome(random.nextInt(10), random), lawyer);
        }
        var manager = inbox.worker("manager", Set.of(Roles.MANAGER));
        for (TaskView task : inbox.tasksOf(manager, 500)) {
            if (isFromToday(task) || random.nextInt(10) < 3) {
                continue;
            }
            if ("approveWriteOff".equals(task.activityId())) {
                inbox.complete(task.id(), random.nextInt(4) == 0
                        ? Map.of("writeOffDecision", "reject", "writeOffNote", "demo: worth a lawsuit after all")
                        : Map.of("writeOffDecision", "approve"), manager);
            } else if ("reviewDispute".equals(task.activityId())) {
                inbox.complete(task.id(), random.nextInt(3) == 0
                        ? Map.of("disputeDecision", "accept", "frozenUntil", clock.today().plusDays(14).toString(),
                                "note", "demo: billing recalculates")
                        : Map.of("disputeDecision", "reject", "note", "demo: the invoices are right"), manager);
            }
        }
        time.runDueNow();
    }

    private Map<String, Object> callOutcome(int roll) {
        if (roll < 7) {
            return Map.of("callOutcome", "promised", "promisedOn", clock.today().plusDays(3 + roll).toString(),
                    "note", "demo: promised on the phone");
        }
        return switch (roll) {
            case 7, 8, 9 -> Map.of("callOutcome", "no-money");
            case 10, 11, 12, 13 -> Map.of("callOutcome", "no-answer");
            case 14 -> Map.of("callOutcome", "disputes", "disputeReason", "demo: says the February bill is wrong");
            case 15 -> Map.of("callOutcome", "wrong-number");
            default -> Map.of("callOutcome", "refused");
        };
    }

    private Map<String, Object> legalOutcome(int roll, Random random) {
        return switch (roll) {
            case 0, 1 -> Map.of("legalOutcome", "claim-sent");
            case 2 -> Map.of("legalOutcome", "paid-after-claim");
            case 3, 4, 5 -> Map.of("legalOutcome", "filed-to-court", "courtCaseNumber", "A40-" + (10_000 + random.nextInt(90_000)));
            case 6, 7 -> Map.of("legalOutcome", "judgment", "judgmentOn", clock.today().minusDays(3).toString(),
                    "awardedAmount", (1_000 + random.nextInt(50_000)) + ".00");
            default -> Map.of("legalOutcome", "written-off", "note", "demo: not worth a lawsuit");
        };
    }

    /** Tasks of the last day are left for a person to find in the inbox. */
    private boolean isFromToday(TaskView task) {
        return task.createdAt().isAfter(clock.now().minus(Duration.ofDays(1)));
    }

    private void importPayments(StringBuilder rows) {
        if (!rows.isEmpty()) {
            importCsv(RegistryKind.PAYMENTS, new StringBuilder("payment_id,customer_id,paid_on,amount\n").append(rows));
        }
    }

    private void importCsv(RegistryKind kind, StringBuilder csv) {
        var report = imports.importCsv(kind, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        if (report.rejected() > 0) {
            throw new IllegalStateException("the demo " + kind.registryName() + " were rejected: " + report.errors());
        }
    }
}
