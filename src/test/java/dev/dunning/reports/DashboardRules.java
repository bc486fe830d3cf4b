package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.ImportReport;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.reports.DashboardFigures.AgingBucket;
import dev.dunning.reports.DashboardFigures.MonthRate;
import dev.dunning.reports.DashboardFigures.NoticeCount;
import dev.dunning.reports.DashboardFigures.PromiseRate;
import dev.dunning.reports.DashboardFigures.StageCount;
import dev.dunning.reports.DashboardFigures.Workload;
import dev.dunning.support.Api;

/**
 * The dashboard's figures against ledgers worked out by hand. Customers are of group {@code individual} (plan
 * {@code individual-standard}: grace 5 days) and live in a building of their test's own, so that the dashboard
 * filtered by that building sees only them. Cases, promises, notices and tasks whose history matters (dates in the
 * past) are written as rows, the way their features leave them.
 */
abstract class DashboardRules {

    @Autowired
    RegistryImport registries;
    @Autowired
    DebtPositions positions;
    @Autowired
    Freezes freezes;
    @Autowired
    Dashboard dashboard;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;

    private final String p = "DB" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String building = p + "building";
    private final PictureFilter ours = new PictureFilter(null, null, building, null);
    private LocalDate today;

    /**
     * The tasks and cases this test wrote by hand have no process behind them: take them out of the shared database,
     * so that the inbox's and the cases' own tests see only the engine's.
     */
    @AfterEach
    void removeHandMadeTasksAndCases() {
        jdbc.sql("DELETE FROM work_item WHERE customer_id LIKE :p").param("p", p + "%").update();
        jdbc.sql("""
                UPDATE collection_case SET active_key = NULL, status = 'closed'
                WHERE customer_id LIKE :p AND process_instance_id IS NULL AND active_key IS NOT NULL""")
                .param("p", p + "%").update();
    }

    @BeforeEach
    void today() {
        today = clock.today();
    }

    @Test
    void debtAndAgingAddUpTheCustomersServicesAfterPartialPaymentsAndFreezes() {
        String first = customer("C1");
        invoice("W1", first, "water", today.minusDays(40), "1000.00");
        invoice("H1", first, "heating", today.minusDays(10), "500.00");
        invoice("H2", first, "heating", today.plusDays(5), "300.00");
        payment("P1", first, today.minusDays(1), "400.00", "confirmed");
        payment("P2", first, today.minusDays(1), "50.00", "unconfirmed");
        freezes.add(first, new FreezeRequest("promise", new BigDecimal("150.00"), today.plusDays(7), null, "promised"),
                "collector");
        String second = customer("C2");
        invoice("G1", second, "gas", today.minusDays(100), "700.00");
        invoice("W2", second, "water", today.plusDays(3), "250.00");
        payment("P3", second, today.minusDays(2), "200.00", "confirmed");

        positions.refreshAll();
        DashboardFigures figures = dashboard.figures(ours);

        // first: water 1000 - 400 paid = 600 (40 days), heating 500 (10 days) + 300 not due; frozen 150 promise +
        // 50 unconfirmed = 200. second: gas 700 - 200 = 500 (100 days), water 250 not due.
        assertThat(figures.debt().customers()).isEqualTo(2);
        assertThat(figures.debt().balance()).isEqualByComparingTo("2150.00");
        assertThat(figures.debt().realDebt()).isEqualByComparingTo("1600.00");
        assertThat(figures.debt().frozen()).isEqualByComparingTo("200.00");
        assertThat(figures.debt().conditionalDebt()).isEqualByComparingTo("1400.00");
        assertThat(figures.aging()).extracting(AgingBucket::bucket)
                .containsExactly("not_due", "1_30", "31_60", "61_90", "91_180", "over_180");
        assertThat(figures.aging()).extracting(bucket -> bucket.amount().toPlainString())
                .containsExactly("550.00", "500.00", "600.00", "0.00", "500.00", "0.00");
        assertThat(figures.positions().asOf()).isEqualTo(today);
    }

    @Test
    void theServiceFilterKeepsThatServicesShareOfTheDebtAndCountsEachCustomerOwingOnItOnce() {
        String first = customer("C1");
        invoice("W1", first, "water", today.minusDays(40), "1000.00");
        invoice("H1", first, "heating", today.minusDays(10), "500.00");
        payment("P1", first, today.minusDays(1), "400.00", "confirmed");
        freezes.add(first, new FreezeRequest("dispute", new BigDecimal("110.00"), null, null, "not ours"), "collector");
        String second = customer("C2");
        invoice("W2", second, "water", today.plusDays(3), "250.00");

        positions.refreshAll();
        DashboardFigures water = dashboard.figures(new PictureFilter(null, null, building, "water"));

        // first's 110.00 frozen is shared over real debt: water 600 of 1100 -> 60.00
        assertThat(water.debt().customers()).isEqualTo(2);
        assertThat(water.debt().balance()).isEqualByComparingTo("850.00");
        assertThat(water.debt().realDebt()).isEqualByComparingTo("600.00");
        assertThat(water.debt().frozen()).isEqualByComparingTo("60.00");
        assertThat(water.debt().conditionalDebt()).isEqualByComparingTo("540.00");
        assertThat(dashboard.figures(new PictureFilter("business", null, building, null)).debt().customers())
                .as("nobody of the building is a business").isZero();
    }

    @Test
    void theCollectionRateIsCollectedOverChargedPerMonthForTwelveMonths() {
        LocalDate thisMonth = today.withDayOfMonth(1);
        LocalDate lastMonth = thisMonth.minusMonths(1);
        String c = customer("C1");
        issuedInvoice("I1", c, lastMonth, lastMonth.plusDays(10), "400.00");
        issuedInvoice("I2", c, thisMonth, today.plusDays(20), "1000.00");
        payment("P1", c, lastMonth.plusDays(5), "400.00", "confirmed");
        payment("P2", c, thisMonth, "250.00", "confirmed");
        payment("P3", c, thisMonth, "500.00", "unconfirmed");
        time.advance(java.time.Duration.ofSeconds(1)); // a rebuild of collection_day that the months can tell apart

        positions.refreshAll();
        List<MonthRate> months = dashboard.figures(ours).collectionRate();

        assertThat(months).hasSize(12);
        assertThat(months.get(11).month()).isEqualTo(java.time.YearMonth.from(today).toString());
        assertThat(months.get(11)).satisfies(month -> {
            assertThat(month.charged()).isEqualByComparingTo("1000.00");
            assertThat(month.collected()).as("the unconfirmed payment is not collected yet").isEqualByComparingTo("250.00");
            assertThat(month.rate()).isEqualByComparingTo("0.25");
        });
        assertThat(months.get(10).rate()).isEqualByComparingTo("1");
        assertThat(months.get(0).rate()).as("nothing charged: no rate").isNull();
    }

    @Test
    void casesByStageCountOpenAndSuspendedCasesOfTheFilterInTheStagesOrder() {
        String first = customer("C1");
        String second = customer("C2");
        String third = customer("C3");
        // the invoice comes first: a ledger change afterwards would let the case lifecycle judge these cases again
        invoice("W1", first, "water", today.minusDays(40), "100.00");
        caseRow(first, null, "individual-standard", "open", "reminder");
        caseRow(second, "water", "individual-standard", "suspended", "reminder");
        caseRow(third, null, "individual-special", "open", "pretrial");
        caseRow(third, "gas", "individual-standard", "settled", "call");

        List<StageCount> stages = dashboard.figures(ours).casesByStage();

        assertThat(stages).extracting(StageCount::stage)
                .containsExactly("grace", "reminder", "call", "pretrial", "legal", "restriction");
        assertThat(stages).filteredOn(stage -> stage.stage().equals("reminder"))
                .containsExactly(new StageCount("reminder", 1, 1));
        assertThat(stages).filteredOn(stage -> stage.stage().equals("pretrial"))
                .containsExactly(new StageCount("pretrial", 1, 0));
        assertThat(stages).filteredOn(stage -> stage.stage().equals("call"))
                .as("a settled case is not active").containsExactly(new StageCount("call", 0, 0));
        assertThat(dashboard.figures(new PictureFilter(null, "individual-special", building, null)).casesByStage())
                .filteredOn(stage -> stage.open() + stage.suspended() > 0)
                .containsExactly(new StageCount("pretrial", 1, 0));
        caseRow(customer("C4"), "gas", "individual-standard", "open", "legal");
        // water: the customer-wide cases (they work every service) and the case for water, not the one for gas
        assertThat(dashboard.figures(new PictureFilter(null, null, building, "water")).casesByStage())
                .filteredOn(stage -> stage.open() + stage.suspended() > 0)
                .containsExactly(new StageCount("reminder", 1, 1), new StageCount("pretrial", 1, 0));
    }

    @Test
    void aPromiseIsKeptWhenConfirmedPaymentsFromItsDayToItsDateCoverItsAmount() {
        // due 10 days ago, 100 + 200 paid within: kept
        String kept = customer("KEPT");
        promise(kept, "300.00", today.minusDays(20), today.minusDays(10), null);
        payment("K1", kept, today.minusDays(15), "100.00", "confirmed");
        payment("K2", kept, today.minusDays(10), "200.00", "confirmed");
        // paid in full, but a day after the date: broken
        String late = customer("LATE");
        promise(late, "300.00", today.minusDays(20), today.minusDays(12), null);
        payment("L1", late, today.minusDays(11), "300.00", "confirmed");
        // reported but not confirmed: broken
        String unconfirmed = customer("UNCONFIRMED");
        promise(unconfirmed, "300.00", today.minusDays(20), today.minusDays(5), null);
        payment("U1", unconfirmed, today.minusDays(6), "300.00", "unconfirmed");
        // paid before the promise was made: that money was not the promise's; broken
        String before = customer("BEFORE");
        promise(before, "300.00", today.minusDays(20), today.minusDays(3), null);
        payment("B1", before, today.minusDays(21), "300.00", "confirmed");
        // kept 50 days ago: in the 90 days, not in the 30
        String older = customer("OLDER");
        promise(older, "100.00", today.minusDays(60), today.minusDays(50), null);
        payment("O1", older, today.minusDays(55), "100.00", "confirmed");
        // not counted: due today (the day is not over), lifted before its date, due 100 days ago
        String notCounted = customer("NOT");
        promise(notCounted, "100.00", today.minusDays(5), today, null);
        promise(notCounted, "100.00", today.minusDays(20), today.minusDays(8), today.minusDays(15));
        promise(notCounted, "100.00", today.minusDays(110), today.minusDays(100), null);

        List<PromiseRate> promises = dashboard.figures(ours).promises();

        assertThat(promises).containsExactly(
                new PromiseRate(30, 4, 1, new BigDecimal("0.2500")),
                new PromiseRate(90, 5, 2, new BigDecimal("0.4000")));
    }

    @Test
    void noticesOfTheLast30DaysCountByChannelAndTheirOutcomeOrElseTheirDeliveryState() {
        String c = customer("C1");
        Instant now = clock.now();
        notice(c, "email", null, "sent", now.minus(1, ChronoUnit.DAYS));
        notice(c, "email", null, "sent", now.minus(3, ChronoUnit.DAYS));
        notice(c, "email", null, "failed", now.minus(4, ChronoUnit.DAYS));
        notice(c, "voice", "answered", "sent", now.minus(5, ChronoUnit.DAYS));
        notice(c, "sms", null, "sent", now.minus(45, ChronoUnit.DAYS));

        List<NoticeCount> notices = dashboard.figures(ours).notices();

        assertThat(notices).containsExactly(new NoticeCount("email", "failed", 1), new NoticeCount("email", "sent", 2),
                new NoticeCount("voice", "answered", 1));
    }

    @Test
    void noticesOfTheDaysBeforeTodayAreCountedAsTheEvaluationLeftThemAndTodaysAsTheyAre() {
        String c = customer("C1");
        String plan = p + "plan";
        String caseId = caseRow(c, null, plan, "open", "reminder");
        Instant now = clock.now();
        notice(c, caseId, "email", null, "sent", now.minus(2, ChronoUnit.DAYS));
        notice(c, caseId, "voice", "answered", "sent", now.minus(3, ChronoUnit.DAYS));
        notice(c, caseId, "email", null, "sent", now.minus(40, ChronoUnit.DAYS));
        time.advance(java.time.Duration.ofSeconds(1)); // an evaluation the summaries can tell from the last one
        positions.refreshAll();
        dashboard.figures(PictureFilter.ALL); // the first view after the evaluation sums the notices

        notice(c, caseId, "email", null, "failed", clock.now());
        notice(c, caseId, "sms", null, "sent", now.minus(4, ChronoUnit.DAYS)); // after the sums: left to tomorrow's
        List<NoticeCount> notices = dashboard.figures(new PictureFilter(null, plan, null, null)).notices();

        assertThat(notices).containsExactly(new NoticeCount("email", "failed", 1), new NoticeCount("email", "sent", 1),
                new NoticeCount("voice", "answered", 1));
    }

    @Test
    void workloadCountsEachPersonsOpenTasksAndEachLanesUnclaimedOnesButNotSuspendedOnes() {
        String c = customer("C1");
        String who = p + "collector";
        task(c, "", who, false);
        task(c, "", who, false);
        task(c, "", who, true);
        String unclaimed = task(c, "", null, false);
        taskLane(unclaimed, p + "lane");

        List<Workload> workload = dashboard.figures(ours).workload();

        assertThat(workload).containsExactly(new Workload(who, null, 2), new Workload(null, p + "lane", 1));
    }

    @Test
    void managersReadTheFiguresAsJsonAndOthersAreRefused() {
        String c = customer("C1");
        invoice("W1", c, "water", today.minusDays(40), "1000.00");
        positions.refreshAll();

        Map<String, Object> json = Api.as(rest, "manager").get("/api/dashboard?building=" + building);

        assertThat(json).containsKeys("debt", "aging", "collectionRate", "casesByStage", "promises", "notices",
                "workload", "positions");
        assertThat(((Number) ((Map<?, ?>) json.get("debt")).get("realDebt")).doubleValue()).isEqualTo(1000.00);
        assertThat(((Map<?, ?>) json.get("filter")).get("building")).isEqualTo(building);
        assertThat(Api.as(rest, "collector").getForResponse("/api/dashboard").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        var tooLong = Api.as(rest, "manager").getForResponse("/api/dashboard?building=" + "b".repeat(200));
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(String.valueOf(tooLong.getBody().get("detail"))).contains("building").contains("128");
    }

    @Test
    void thePageShowsTheFiguresAsTablesInTheManagersLanguageAndOnlyToManagersAndAdmins() {
        String c = customer("C1");
        invoice("W1", c, "water", today.minusDays(40), "4321.00");
        positions.refreshAll();

        var page = rest.withBasicAuth("manager", "manager")
                .getForEntity("/dashboard?lang=ru&building=" + building, String.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Реальный долг", "Возраст долга", "id=\"aging\"", "4");
        assertThat(page.getBody()).containsPattern("id=\"real-debt\">4[\\s\\u00a0\\u202f]?321,00");
        assertThat(rest.withBasicAuth("analyst", "analyst").getForEntity("/dashboard", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("admin", "admin").getForEntity("/dashboard", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private String customer(String name) {
        String id = p + name;
        load(RegistryKind.CUSTOMERS, "customer_id,name,group,building\n%s,Customer %s,individual,%s\n"
                .formatted(id, name, building));
        return id;
    }

    private void invoice(String id, String customer, String service, LocalDate dueOn, String amount) {
        load(RegistryKind.INVOICES, "invoice_id,customer_id,service,due_on,amount\n%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, service, dueOn, amount));
    }

    private void issuedInvoice(String id, String customer, LocalDate issuedOn, LocalDate dueOn, String amount) {
        load(RegistryKind.INVOICES, "invoice_id,customer_id,service,issued_on,due_on,amount\n%s,%s,water,%s,%s,%s\n"
                .formatted(p + id, customer, issuedOn, dueOn, amount));
    }

    private void payment(String id, String customer, LocalDate paidOn, String amount, String status) {
        load(RegistryKind.PAYMENTS, "payment_id,customer_id,paid_on,amount,status\n%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, paidOn, amount, status));
    }

    private void load(RegistryKind kind, String csv) {
        ImportReport report = registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.errors()).as("import errors of " + csv).isEmpty();
    }

    /** A promise made on {@code madeOn} (past dates cannot be made through Freezes), lifted on {@code liftedOn}. */
    private void promise(String customer, String amount, LocalDate madeOn, LocalDate until, LocalDate liftedOn) {
        jdbc.sql("""
                INSERT INTO debt_freeze (freeze_id, customer_id, kind, amount, until, reason, created_on, created_at,
                                         created_by, lifted_at, lifted_by)
                VALUES (:id, :customer, 'promise', :amount, :until, 'promised', :madeOn, :madeAt, 'collector', :liftedAt,
                        :liftedBy)""")
                .param("id", UUID.randomUUID().toString())
                .param("customer", customer)
                .param("amount", new BigDecimal(amount))
                .param("until", until)
                .param("madeOn", madeOn)
                .param("madeAt", madeOn.atTime(10, 0).atOffset(ZoneOffset.UTC))
                .param("liftedAt", liftedOn == null ? null : liftedOn.atTime(12, 0).atOffset(ZoneOffset.UTC))
                .param("liftedBy", liftedOn == null ? null : "collector")
                .update();
    }

    private String caseRow(String customer, String service, String plan, String status, String stage) {
        String id = UUID.randomUUID().toString();
        boolean active = status.equals("open") || status.equals("suspended");
        jdbc.sql("""
                INSERT INTO collection_case (case_id, customer_id, service, active_key, plan_key, plan_version, status,
                                             stage, opened_at)
                VALUES (:id, :customer, :service, :activeKey, :plan, 1, :status, :stage, :at)""")
                .param("id", id)
                .param("customer", customer)
                .param("service", service)
                .param("activeKey", active ? customer + "|" + (service == null ? "" : service) : null)
                .param("plan", plan)
                .param("status", status)
                .param("stage", stage)
                .param("at", clock.now().atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    private void notice(String customer, String channel, String outcome, String state, Instant createdAt) {
        notice(customer, null, channel, outcome, state, createdAt);
    }

    private void notice(String customer, String caseId, String channel, String outcome, String state,
            Instant createdAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO notice (notice_id, customer_id, case_id, channel, template, locale, body, created_at, outcome)
                VALUES (:id, :customer, :caseId, :channel, 'reminder', 'en', 'text', :at, :outcome)""")
                .param("id", id).param("customer", customer).param("caseId", caseId).param("channel", channel)
                .param("at", createdAt.atOffset(ZoneOffset.UTC)).param("outcome", outcome).update();
        jdbc.sql("""
                INSERT INTO notice_delivery (notice_id, created_seq, status, attempts)
                SELECT notice_id, created_seq, :state, 1 FROM notice WHERE notice_id = :id""")
                .param("id", id).param("state", state).update();
    }

    private String task(String customer, String lane, String assignee, boolean suspended) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO work_item (task_id, lane, name, customer_id, assignee, priority, amount, oldest_due_on,
                                       promise_due, created_at, suspended)
                VALUES (:id, :lane, 'Call', :customer, :assignee, 50, 100.00, DATE '2020-01-01', DATE '9999-12-31', :at,
                        :suspended)""")
                .param("id", id).param("lane", lane).param("customer", customer).param("assignee", assignee)
                .param("at", clock.now().atOffset(ZoneOffset.UTC)).param("suspended", suspended).update();
        return id;
    }

    /** The candidate group's lane of an unclaimed task. */
    private void taskLane(String taskId, String lane) {
        jdbc.sql("""
                INSERT INTO work_item (task_id, lane, name, customer_id, assignee, priority, amount, oldest_due_on,
                                       promise_due, created_at, suspended)
                SELECT task_id, :lane, name, customer_id, NULL, priority, amount, oldest_due_on, promise_due, created_at,
                       suspended FROM work_item WHERE task_id = :id AND lane = ''""")
                .param("id", taskId).param("lane", lane).update();
    }
}
