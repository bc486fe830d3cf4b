package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.ImportReport;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;

/**
 * Every report's figures against ledgers worked out by hand. Each test's customers live in a building of its own
 * and the reports are asked for that building, so that the shared database's other customers stay out. Customers
 * are of group {@code individual} (plan {@code individual-standard}: grace 5 days).
 */
abstract class ReportsRules {

    @Autowired
    Reports reports;
    @Autowired
    RegistryImport registries;
    @Autowired
    DebtPositions positions;
    @Autowired
    Freezes freezes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    BusinessTime time;

    private final String p = "RP" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String building = p + "building";
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
    void agingListsEachCustomerAndServiceWithItsBucketsAndTotalsThemByBucket() {
        String first = customer("C1", "Anna");
        invoice("W1", first, "water", today.minusDays(40), "1000.00");
        invoice("H1", first, "heating", today.minusDays(10), "500.00");
        invoice("H2", first, "heating", today.plusDays(5), "300.00");
        payment("P1", first, today.minusDays(1), "400.00", "confirmed");
        payment("P2", first, today.minusDays(1), "50.00", "unconfirmed");
        freezes.add(first, new FreezeRequest("promise", new BigDecimal("150.00"), today.plusDays(7), null, "promised"),
                "collector");
        String second = customer("C2", "=HYPERLINK(\"x\")");
        invoice("W2", second, "water", today.minusDays(200), "250.00");

        positions.refreshAll();
        ReportTable aging = reports.table("aging", ReportRequest.parse(null, null, building, null, null, null, null,
                today), 100);

        // 400.00 pays the oldest invoice (water) first; 200.00 frozen shared 600 : 500 over water and heating
        assertThat(aging.rows()).extracting(row -> row.get(0) + "/" + row.get(4))
                .containsExactly(first + "/heating", first + "/water", second + "/water");
        assertRow(aging, 0, "balance", "800.00", "real_debt", "500.00", "conditional_debt", "409.09", "not_due",
                "300.00", "overdue_1_30", "500.00");
        assertRow(aging, 1, "balance", "600.00", "conditional_debt", "490.91", "overdue_31_60", "600.00");
        assertRow(aging, 2, "balance", "250.00", "overdue_over_180", "250.00");
        assertThat(aging.rows().get(2).get(1)).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(aging.rows().get(0)).contains("individual", building);
        List<Object> totals = aging.totals();
        assertAmount(totals.get(aging.info().column("balance")), "1650.00");
        assertAmount(totals.get(aging.info().column("not_due")), "300.00");
        assertAmount(totals.get(aging.info().column("overdue_1_30")), "500.00");
        assertAmount(totals.get(aging.info().column("overdue_31_60")), "600.00");
        assertAmount(totals.get(aging.info().column("overdue_over_180")), "250.00");
        assertAmount(totals.get(aging.info().column("conditional_debt")), "1150.00");
    }

    @Test
    void collectionRateIsCollectedOverChargedPerMonthOrQuarterCountingOnlyConfirmedPayments() {
        pastLedger();

        ReportTable months = reports.table("collection-rate", request("2025-01-01", "2025-03-31", "month"), 100);
        assertThat(months.rows()).extracting(row -> row.get(0)).containsExactly("2025-01", "2025-02", "2025-03");
        assertRow(months, 0, "charged", "1000.00", "collected", "400.00", "rate", "40.00");
        assertRow(months, 1, "charged", "500.00", "collected", "600.00", "rate", "120.00");
        assertRow(months, 2, "charged", "0.00", "collected", "0.00");
        assertThat(months.rows().get(2).get(months.info().column("rate"))).as("no rate without charges").isNull();

        ReportTable quarter = reports.table("collection-rate", request("2025-01-01", "2025-03-31", "quarter"), 100);
        assertThat(quarter.rows()).hasSize(1);
        assertRow(quarter, 0, "charged", "1500.00", "collected", "1000.00", "rate", "66.67");

        ReportTable weeks = reports.table("collection-rate", request("2025-01-06", "2025-01-19", "week"), 100);
        assertThat(weeks.rows()).extracting(row -> row.get(0)).containsExactly("2025-W02", "2025-W03");
        assertRow(weeks, 0, "charged", "1000.00", "collected", "0.00");
    }

    @Test
    void dsoAndCeiComeFromTheClosestEvaluationDayAndTheMonthsCharges() {
        pastLedger();
        // the closing pictures as the evaluation wrote them on those days
        picture(LocalDate.parse("2025-01-31"), "600.00", "100.00", "500.00", "0.00");
        picture(LocalDate.parse("2025-02-27"), "500.00", "0.00", "0.00", "500.00");

        ReportTable table = reports.table("dso-cei", request("2025-01-01", "2025-02-28", null), 100);

        // January: opening 0 (no picture before), charged 1000, closing 600 of which 100 current
        // DSO = 600 / 1000 x 31 = 18.60; CEI = (0 + 1000 - 600) / (0 + 1000 - 100) x 100 = 44.44
        assertRow(table, 0, "days", 31L, "opening_ar", "0.00", "charged", "1000.00", "closing_ar", "600.00",
                "closing_current_ar", "100.00", "dso", "18.60", "cei", "44.44");
        // February: opening 600; closing picture of 27 February (none on the 28th): 500, none current
        // DSO = 500 / 500 x 28 = 28.00; CEI = (600 + 500 - 500) / (600 + 500 - 0) x 100 = 54.55
        assertRow(table, 1, "days", 28L, "opening_ar", "600.00", "charged", "500.00", "closing_ar", "500.00",
                "dso", "28.00", "cei", "54.55");
    }

    @Test
    void rollRatesCompareABucketAtOneMonthsEndWithTheNextBucketAtTheNextMonthsEnd() {
        customer("C1", "Anna");
        picture(LocalDate.parse("2025-01-31"), "1000.00", "400.00", "600.00", "0.00");
        picture(LocalDate.parse("2025-02-28"), "700.00", "0.00", "100.00", "600.00");

        ReportTable table = reports.table("roll-rates", request("2025-01-01", "2025-02-28", null), 100);

        assertThat(table.rows()).hasSize(5);
        // not due 400 -> 1-30 days 100: 25 %; 1-30 days 600 -> 31-60 days 600: 100 %; an empty bucket has no rate
        assertRow(table, 0, "from_bucket", "not_due", "to_bucket", "overdue_1_30", "from_balance", "400.00",
                "to_balance", "100.00", "roll_rate", "25.00");
        assertRow(table, 1, "from_bucket", "overdue_1_30", "from_balance", "600.00", "to_balance", "600.00",
                "roll_rate", "100.00");
        assertThat(table.rows().get(2).get(table.info().column("roll_rate"))).isNull();
    }

    @Test
    void longTermDebtAndPromisesFollowTheEvaluationOverSimulatedDays() {
        String c = customer("C1", "Anna");
        invoice("A", c, "water", today.minusDays(89), "500.00");
        invoice("B", c, "water", today.minusDays(179), "300.00");
        String kept = customer("K", "Kate");
        invoice("K1", kept, "water", today.minusDays(30), "1000.00");
        String broken = customer("B", "Boris");
        invoice("B1", broken, "water", today.minusDays(30), "1000.00");
        String pending = customer("P", "Pavel");
        invoice("P1", pending, "water", today.minusDays(30), "1000.00");
        freezes.add(kept, new FreezeRequest("promise", new BigDecimal("200.00"), today.plusDays(3), null, "call"),
                "collector");
        freezes.add(broken, new FreezeRequest("promise", new BigDecimal("100.00"), today.plusDays(1), null, "call"),
                "collector");
        freezes.add(pending, new FreezeRequest("promise", new BigDecimal("300.00"), today.plusDays(30), null, "call"),
                "collector");
        payment("KP", kept, today, "250.00", "confirmed");
        payment("PP", pending, today, "100.00", "confirmed");
        positions.refreshAll();
        LocalDate first = today;

        time.advance(Duration.ofDays(2));
        positions.refreshAll();
        LocalDate later = clock.today();

        // on the first day 500.00 is 89 days overdue and 300.00 179 days; two days later 91 and 181
        List<Object> before = last(reports.table("long-term-debt", request(first.minusDays(1).toString(),
                first.toString(), null), 10));
        List<Object> after = last(reports.table("long-term-debt", request(first.toString(), later.toString(), null), 10));
        ReportInfo info = reports.info("long-term-debt");
        assertThat(before.get(info.column("as_of"))).isEqualTo(first);
        assertAmount(before.get(info.column("overdue_over_90")), "300.00");
        assertAmount(before.get(info.column("overdue_over_180")), "0.00");
        assertThat(after.get(info.column("as_of"))).isEqualTo(later);
        // 800.00 + 1,000.00 - 250.00 + 1,000.00 + 1,000.00 - 100.00
        assertAmount(after.get(info.column("balance")), "3450.00");
        assertAmount(after.get(info.column("overdue_over_90")), "800.00");
        assertAmount(after.get(info.column("overdue_over_180")), "300.00");

        ReportTable promises = reports.table("promises", request(first.toString(), later.toString(), "quarter"), 10);
        ReportInfo p = promises.info();
        long[] counts = new long[4];
        BigDecimal[] amounts = {BigDecimal.ZERO, BigDecimal.ZERO};
        promises.rows().forEach(row -> {
            counts[0] += (Long) row.get(p.column("promises"));
            counts[1] += (Long) row.get(p.column("kept"));
            counts[2] += (Long) row.get(p.column("broken"));
            counts[3] += (Long) row.get(p.column("pending"));
            amounts[0] = amounts[0].add((BigDecimal) row.get(p.column("promised")));
            amounts[1] = amounts[1].add((BigDecimal) row.get(p.column("paid")));
        });
        assertThat(counts).containsExactly(3, 1, 1, 1);
        assertThat(amounts[0]).isEqualByComparingTo("600.00");
        assertThat(amounts[1]).as("250.00 capped at the 200.00 promised, and 100.00").isEqualByComparingTo("300.00");

        ReportTable collectors = reports.table("collectors", request(first.toString(), later.toString(), null), 10);
        assertThat(collectors.rows()).hasSize(1);
        assertRow(collectors, 0, "person", "collector", "promises", 3L, "promised_amount", "600.00",
                "collected_on_promises", "300.00");
    }

    @Test
    void perBuildingChargedAndCollectedInThePeriodSitBesideTodaysDebt() {
        pastLedger();
        positions.refreshAll();

        ReportTable table = reports.table("buildings", request("2025-01-01", "2025-02-28", null), 10);

        // charged 1,500, collected 1,000: 500 owed today, all of it real debt
        assertThat(table.rows()).hasSize(1);
        assertRow(table, 0, "building", building, "charged", "1500.00", "collected", "1000.00", "rate", "66.67",
                "balance", "500.00", "real_debt", "500.00", "debtors", 1L);
    }

    @Test
    void noticesAreCountedByChannelTemplateStateAndOutcome() {
        String c = customer("C1", "Anna");
        notice(c, "email", "reminder", "sent", null);
        notice(c, "email", "reminder", "sent", null);
        notice(c, "sms", "reminder", "failed", "undeliverable");

        ReportTable table = reports.table("notices", request(today.toString(), today.toString(), null), 10);

        assertThat(table.rows()).extracting(row -> row.get(0) + "/" + row.get(1) + "/" + row.get(2) + "/" + row.get(3)
                + "=" + row.get(4)).containsExactly("email/reminder/sent/=2", "sms/reminder/failed/undeliverable=1");
    }

    @Test
    void casesPerDayAndTheStageFunnelFollowTheCasesOpenedAndSettled() {
        String c = customer("C1", "Anna");
        invoice("W1", c, "water", today.minusDays(30), "5000.00");
        String caseId = openCase(c, "reminder", "open");
        String settled = customer("C2", "Boris");
        String settledCase = openCase(settled, "call", "settled");
        stageChange(settled, settledCase, "reminder at remind");
        stageChange(settled, settledCase, "reminder -> call at callDebtor");
        stageChange(c, caseId, "reminder at remind");

        ReportTable days = reports.table("cases-per-day", request(today.toString(), today.toString(), null), 10);
        assertRow(days, 0, "day", today, "opened", 2L, "settled", 1L, "closed", 0L);

        ReportTable funnel = reports.table("stage-funnel", request(today.toString(), today.toString(), null), 10);
        assertThat(funnel.rows()).extracting(row -> row.get(0)).containsExactlyElementsOf(StageFunnelReport.STAGES);
        // both cases reached reminder (one still there, one settled after the call stage); one reached call
        assertRow(funnel, 1, "stage", "reminder", "reached", 2L, "still_here", 1L, "elsewhere", 0L, "settled", 1L);
        assertRow(funnel, 2, "stage", "call", "reached", 1L, "still_here", 0L, "settled", 1L);
        assertRow(funnel, 0, "stage", "grace", "reached", 0L);
    }

    @Test
    void collectorsAreCreditedWithTheirTasksAndTheirCallsByOutcome() {
        String c = customer("C1", "Anna");
        String caseId = openCase(c, "call", "open");
        event(c, caseId, "task-completed", "collector", "Call the debtor: callOutcome=promised");
        event(c, caseId, "task-completed", "collector", "Call the debtor: callOutcome=noAnswer");
        event(c, caseId, "call-outcome", "collector", "reached: promised to pay 100.00 by 2026-03-10");
        event(c, caseId, "call-outcome", "collector", "no answer (1 missed call)");
        event(c, caseId, "call-outcome", "collector", "reached: no money now");
        event(c, caseId, "call-outcome", "lawyer", "wrong number: the debtor cannot be called on the number on file");
        event(c, caseId, "call-outcome", "system", "reached: refuses to pay");

        ReportTable table = reports.table("collectors", request(today.toString(), today.toString(), null), 10);

        assertThat(table.rows()).extracting(row -> row.get(0)).as("the system is no person")
                .containsExactly("collector", "lawyer");
        assertRow(table, 0, "tasks_done", 2L, "calls", 3L, "reached", 2L, "promised", 1L, "no_money", 1L,
                "no_answer", 1L, "wrong_number", 0L, "promises", 0L);
        assertRow(table, 1, "tasks_done", 0L, "calls", 1L, "reached", 0L, "wrong_number", 1L);

        ReportTable otherGroup = reports.table("collectors", ReportRequest.parse("business", null, building, null,
                today.toString(), today.toString(), null, today), 10);
        assertThat(otherGroup.rows()).as("the filter's group is the customer's").isEmpty();
        ReportTable otherPlan = reports.table("collectors", ReportRequest.parse(null, "other-plan", building, null,
                today.toString(), today.toString(), null, today), 10);
        assertThat(otherPlan.rows()).as("the filter's plan is the case's").isEmpty();
    }

    @Test
    void aPeriodThatEndsBeforeItStartsOrAnUnknownGrainIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> request("2025-03-01", "2025-02-01", null)).hasMessageContaining("from: 2025-03-01");
        assertThatThrownBy(() -> request("2025-01-01", "2025-02-01", "year")).hasMessageContaining("grain: 'year'");
        assertThatThrownBy(() -> ReportRequest.parse(null, null, null, null, "yesterday", null, null, today))
                .hasMessageContaining("from: 'yesterday' is not a date");
    }

    // --- the ledgers

    /** January 2025: 1,000.00 charged, 400.00 paid; February: 500.00 charged, 600.00 paid, 999.00 unconfirmed. */
    private void pastLedger() {
        String c = customer("C1", "Anna");
        load(RegistryKind.INVOICES, """
                invoice_id,customer_id,service,issued_on,due_on,amount
                %sJ,%s,water,2025-01-10,2025-01-25,1000.00
                %sF,%s,heating,2025-02-05,2025-02-20,500.00
                """.formatted(p, c, p, c));
        payment("PJ", c, LocalDate.parse("2025-01-20"), "400.00", "confirmed");
        payment("PF", c, LocalDate.parse("2025-02-10"), "600.00", "confirmed");
        payment("PU", c, LocalDate.parse("2025-02-11"), "999.00", "unconfirmed");
        positions.refreshAll();
    }

    private void picture(LocalDate asOf, String balance, String notDue, String days1to30, String days31to60) {
        jdbc.sql("""
                INSERT INTO debt_day (as_of, group_name, plan_key, building, service, customers, debtors,
                    counted_customers, counted_debtors, balance, real_debt, frozen, conditional_debt, not_due,
                    overdue_1_30, overdue_31_60, overdue_61_90, overdue_91_180, overdue_over_180)
                VALUES (:asOf, 'individual', 'individual-standard', :building, 'water', 1, 1, 1, 1, :balance,
                    :balance, 0, :balance, :notDue, :d1, :d31, 0, 0, 0)""")
                .param("asOf", asOf).param("building", building).param("balance", new BigDecimal(balance))
                .param("notDue", new BigDecimal(notDue)).param("d1", new BigDecimal(days1to30))
                .param("d31", new BigDecimal(days31to60)).update();
    }

    private void notice(String customer, String channel, String template, String state, String outcome) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO notice (notice_id, customer_id, channel, template, locale, body, created_at, outcome)
                VALUES (:id, :customer, :channel, :template, 'en', 'text', :at, :outcome)""")
                .param("id", id).param("customer", customer).param("channel", channel).param("template", template)
                .param("at", clock.now().atOffset(ZoneOffset.UTC)).param("outcome", outcome).update();
        jdbc.sql("""
                INSERT INTO notice_delivery (notice_id, created_seq, status)
                SELECT notice_id, created_seq, :state FROM notice WHERE notice_id = :id""")
                .param("id", id).param("state", state).update();
    }

    private String openCase(String customer, String stage, String status) {
        String id = UUID.randomUUID().toString();
        boolean ended = !"open".equals(status);
        jdbc.sql("""
                INSERT INTO collection_case (case_id, customer_id, active_key, plan_key, plan_version, status, stage,
                    opened_at, ended_at)
                VALUES (:id, :customer, :key, 'individual-standard', 1, :status, :stage, :at, :ended)""")
                .param("id", id).param("customer", customer).param("key", ended ? null : customer + "|" + id)
                .param("status", status).param("stage", stage).param("at", clock.now().atOffset(ZoneOffset.UTC))
                .param("ended", ended ? clock.now().atOffset(ZoneOffset.UTC) : null).update();
        return id;
    }

    private void stageChange(String customer, String caseId, String summary) {
        event(customer, caseId, "stage-changed", "system", summary);
    }

    /** A timeline entry as the plans and the inbox write it (the words of cases/CaseActions, inbox/Inbox). */
    private void event(String customer, String caseId, String kind, String actor, String summary) {
        jdbc.sql("""
                INSERT INTO timeline_event (customer_id, case_id, occurred_at, kind, actor, summary)
                VALUES (:customer, :case, :at, :kind, :actor, :summary)""")
                .param("customer", customer).param("case", caseId).param("at", clock.now().atOffset(ZoneOffset.UTC))
                .param("kind", kind).param("actor", actor).param("summary", summary).update();
    }

    private ReportRequest request(String from, String to, String grain) {
        return ReportRequest.parse(null, null, building, null, from, to, grain, today);
    }

    private static List<Object> last(ReportTable table) {
        return table.rows().get(table.rows().size() - 1);
    }

    private static void assertRow(ReportTable table, int row, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object actual = table.rows().get(row).get(table.info().column(key));
            Object expected = keysAndValues[i + 1];
            if (table.info().columns().get(table.info().column(key)).kind() == ReportColumn.Kind.AMOUNT
                    || table.info().columns().get(table.info().column(key)).kind() == ReportColumn.Kind.RATIO) {
                assertThat((BigDecimal) actual).as("row %d %s", row, key).isEqualByComparingTo((String) expected);
            } else {
                assertThat(actual).as("row %d %s", row, key).isEqualTo(expected);
            }
        }
    }

    private static void assertAmount(Object actual, String expected) {
        assertThat((BigDecimal) actual).isEqualByComparingTo(expected);
    }

    private String customer(String name, String fullName) {
        String id = p + name;
        load(RegistryKind.CUSTOMERS, "customer_id,name,group,building\n%s,\"%s\",individual,%s\n"
                .formatted(id, fullName.replace("\"", "\"\""), building));
        return id;
    }

    private void invoice(String id, String customer, String service, LocalDate dueOn, String amount) {
        load(RegistryKind.INVOICES, "invoice_id,customer_id,service,due_on,amount\n%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, service, dueOn, amount));
    }

    private void payment(String id, String customer, LocalDate paidOn, String amount, String status) {
        load(RegistryKind.PAYMENTS, "payment_id,customer_id,paid_on,amount,status\n%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, paidOn, amount, status));
    }

    private void load(RegistryKind kind, String csv) {
        ImportReport report = registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.errors()).as("import errors of " + csv).isEmpty();
    }
}
