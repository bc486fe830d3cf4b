package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;

/**
 * The debt picture against ledgers worked out by hand: positions per customer and service with their aging, the
 * customer's frozen amount shared over services, the day's sums, and what was charged and collected each day.
 * Customers are of group {@code individual} (plan {@code individual-standard}: grace 5 days) and live in a building
 * of their test's own, so that sums over the building see only them.
 */
abstract class DebtPositionsRules {

    @Autowired
    RegistryImport registries;
    @Autowired
    DebtPositions positions;
    @Autowired
    Freezes freezes;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    dev.dunning.clock.BusinessTime time;

    private final String p = "DP" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String building = p + "building";
    private LocalDate today;

    @BeforeEach
    void today() {
        today = clock.today();
    }

    @Test
    void aCustomersPositionPerServiceAgesTheBalanceAndSharesTheFrozenAmountInProportionToRealDebt() {
        String c = customer("C1");
        invoice("W1", c, "water", today.minusDays(40), "1000.00");
        invoice("H1", c, "heating", today.minusDays(10), "500.00");
        invoice("H2", c, "heating", today.plusDays(5), "300.00");
        payment("P1", c, null, today.minusDays(1), "400.00", "confirmed");
        payment("P2", c, null, today.minusDays(1), "50.00", "unconfirmed");
        freezes.add(c, new FreezeRequest("promise", new BigDecimal("150.00"), today.plusDays(7), null, "promised"),
                "collector");

        positions.refreshAll();

        // the 400.00 pays the oldest invoice (water) first: water 600.00 overdue 40 days; heating 500.00 overdue
        // 10 days and 300.00 not due; frozen 150.00 promise + 50.00 unconfirmed = 200.00 of 1,100.00 real debt:
        // water 200 x 600/1100 = 109.09, heating 200 x 500/1100 = 90.91
        Map<String, Map<String, Object>> rows = positionsOf(c);
        assertThat(rows).containsOnlyKeys("water", "heating");
        assertThat(rows.get("water")).satisfies(water -> {
            assertAmount(water, "balance", "600.00");
            assertAmount(water, "real_debt", "600.00");
            assertAmount(water, "frozen", "109.09");
            assertAmount(water, "conditional_debt", "490.91");
            assertAmount(water, "overdue_31_60", "600.00");
            assertAmount(water, "overdue_1_30", "0.00");
            assertThat(water.get("counted")).isEqualTo(true);
        });
        assertThat(rows.get("heating")).satisfies(heating -> {
            assertAmount(heating, "balance", "800.00");
            assertAmount(heating, "real_debt", "500.00");
            assertAmount(heating, "frozen", "90.91");
            assertAmount(heating, "conditional_debt", "409.09");
            assertAmount(heating, "not_due", "300.00");
            assertAmount(heating, "overdue_1_30", "500.00");
            assertThat(heating.get("counted")).isEqualTo(false);
        });
        assertThat(rows.get("water")).containsEntry("group_name", "individual").containsEntry("building", building);
    }

    @Test
    void theLargestServiceTakesTheRoundingRemainderSoTheRowsAddUpToTheCustomersConditionalDebt() {
        String c = customer("C1");
        invoice("A1", c, "a", today.minusDays(20), "100.00");
        invoice("B1", c, "b", today.minusDays(20), "100.00");
        invoice("C1", c, "c", today.minusDays(20), "100.01");
        freezes.add(c, new FreezeRequest("dispute", new BigDecimal("100.00"), null, null, "not ours"), "collector");

        positions.refreshAll();

        Map<String, Map<String, Object>> rows = positionsOf(c);
        BigDecimal frozen = rows.values().stream().map(row -> (BigDecimal) row.get("frozen"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal conditional = rows.values().stream().map(row -> (BigDecimal) row.get("conditional_debt"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(frozen).isEqualByComparingTo("100.00");
        assertThat(conditional).isEqualByComparingTo(ledger.debtOf(c).conditionalDebt()).isEqualByComparingTo("200.01");
        assertThat(rows.get("c").get("counted")).as("the largest service counts the customer").isEqualTo(true);
    }

    @Test
    void aPaymentRewritesTheCustomersPositionsAtOnceWithoutWaitingForTheEvaluation() {
        String c = customer("C1");
        invoice("W1", c, "water", today.minusDays(40), "600.00");
        invoice("H1", c, "heating", today.minusDays(10), "500.00");
        positions.refreshAll();
        assertThat(positionsOf(c)).containsOnlyKeys("water", "heating");

        payment("P1", c, null, today, "700.00", "confirmed");

        Map<String, Map<String, Object>> rows = positionsOf(c);
        assertThat(rows).as("water is paid; 100.00 of heating too").containsOnlyKeys("heating");
        assertAmount(rows.get("heating"), "balance", "400.00");
        assertThat(rows.get("heating").get("counted")).isEqualTo(true);
    }

    @Test
    void aRegistryBatchOfManyCustomersLeavesTheirPositionsToTheNextTickOfTheClockSoTheImportDoesNotWaitForThem() {
        StringBuilder customers = new StringBuilder("customer_id,name,group,building\n");
        StringBuilder invoices = new StringBuilder("invoice_id,customer_id,service,due_on,amount\n");
        for (int n = 0; n < 300; n++) {
            customers.append(p).append("M").append(n).append(",Customer,individual,").append(building).append('\n');
            invoices.append(p).append("MI").append(n).append(',').append(p).append("M").append(n).append(",water,")
                    .append(today.minusDays(45)).append(",100.00\n");
        }
        load(RegistryKind.CUSTOMERS, customers.toString());
        load(RegistryKind.INVOICES, invoices.toString());

        time.runDueNow();

        assertThat(jdbc.sql("SELECT COUNT(*), SUM(overdue_31_60) FROM debt_position WHERE building = :building")
                .param("building", building).query((rs, row) -> List.of(rs.getInt(1), rs.getBigDecimal(2))).single())
                .satisfies(countAndSum -> {
                    assertThat(countAndSum.get(0)).isEqualTo(300);
                    assertThat((BigDecimal) countAndSum.get(1)).isEqualByComparingTo("30000.00");
                });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM debt_position_stale").query(Integer.class).single()).isZero();
    }

    @Test
    void whenAFifthOfAllCustomersIsStaleOneTickRewritesEveryPositionInsteadOfAThousandAtATime() {
        String c = customer("C1");
        invoice("W1", c, "water", today.minusDays(40), "600.00");
        positions.refreshAll();
        // a payment stored as a registry batch of many customers leaves it: the position waits for the tick
        jdbc.sql("""
                INSERT INTO payment (payment_id, customer_id, invoice_id, paid_on, amount, currency, status, received_at)
                VALUES (:id, :customer, NULL, :today, 250.00, 'RUB', 'confirmed', CURRENT_TIMESTAMP)""")
                .param("id", p + "P1").param("customer", c).param("today", today).update();
        List<Object[]> marks = new java.util.ArrayList<>();
        marks.add(new Object[] {c});
        for (int n = 0; n < 20_000; n++) {
            marks.add(new Object[] {p + "gone-" + n});
        }
        batch("INSERT INTO debt_position_stale (customer_id) VALUES (?)", marks);
        assertThat(positionsOf(c).get("water").get("balance")).isEqualTo(new BigDecimal("600.00"));

        positions.runDue(java.time.Instant.now());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM debt_position_stale").query(Integer.class).single())
                .as("one tick took every mark, not a thousand of them").isZero();
        assertAmount(positionsOf(c).get("water"), "balance", "350.00");
    }

    @Test
    void aCustomerWhoOwesNothingHasNoPosition() {
        String c = customer("C1");
        invoice("W1", c, "water", today.minusDays(40), "600.00");
        payment("P1", c, p + "W1", today, "600.00", "confirmed");

        positions.refreshAll();

        assertThat(positionsOf(c)).isEmpty();
    }

    @Test
    void theDaysSumsCountEachCustomerOnceAcrossServicesAndAddUpTheAmounts() {
        String first = customer("C1");
        invoice("W1", first, "water", today.minusDays(40), "600.00");
        invoice("H1", first, "heating", today.minusDays(100), "500.00");
        String second = customer("C2");
        invoice("W2", second, "water", today.plusDays(3), "250.00");

        positions.refreshAll();

        List<Map<String, Object>> sums = jdbc.sql("""
                SELECT * FROM debt_day WHERE as_of = :today AND building = :building ORDER BY service""")
                .param("today", today).param("building", building).query().listOfRows();
        assertThat(sums).extracting(row -> row.get("service")).containsExactly("heating", "water");
        Map<String, Object> heating = sums.get(0);
        Map<String, Object> water = sums.get(1);
        assertThat(((Number) water.get("customers")).intValue()).isEqualTo(2);
        assertThat(((Number) water.get("debtors")).intValue()).as("the second customer's water is not due").isEqualTo(1);
        assertThat(((Number) heating.get("counted_customers")).intValue() + ((Number) water.get("counted_customers"))
                .intValue()).as("two customers, counted once each").isEqualTo(2);
        assertThat(((Number) heating.get("counted_debtors")).intValue() + ((Number) water.get("counted_debtors"))
                .intValue()).as("one of them owes real debt").isEqualTo(1);
        assertAmount(water, "balance", "850.00");
        assertAmount(water, "real_debt", "600.00");
        assertAmount(water, "not_due", "250.00");
        assertAmount(heating, "overdue_91_180", "500.00");
        assertThat(positions.lastRun("positions")).hasValueSatisfying(run -> assertThat(run.asOf()).isEqualTo(today));
    }

    @Test
    void chargedCountsInvoicesOnTheirIssueDateAndCollectedCountsOnlyConfirmedPaymentsOnTheirDate() {
        String c = customer("C1");
        load(RegistryKind.INVOICES, "invoice_id,customer_id,service,issued_on,due_on,amount\n%s,%s,water,%s,%s,1000.00\n"
                .formatted(p + "W1", c, today.minusDays(30), today.minusDays(20)));
        invoice("W2", c, "water", today.minusDays(10), "200.00");
        payment("P1", c, null, today.minusDays(5), "300.00", "confirmed");
        payment("P2", c, null, today.minusDays(5), "100.00", "confirmed");
        payment("P3", c, null, today.minusDays(5), "999.00", "unconfirmed");

        positions.refreshAll();

        Map<LocalDate, Map<String, Object>> days = new java.util.TreeMap<>();
        jdbc.sql("SELECT * FROM collection_day WHERE building = :building").param("building", building).query()
                .listOfRows().forEach(row -> days.put(((java.sql.Date) row.get("on_day")).toLocalDate(), row));
        assertThat(days).containsOnlyKeys(today.minusDays(30), today.minusDays(10), today.minusDays(5));
        assertAmount(days.get(today.minusDays(30)), "charged", "1000.00");
        assertAmount(days.get(today.minusDays(10)), "charged", "200.00");
        assertAmount(days.get(today.minusDays(5)), "collected", "400.00");
        assertThat(((Number) days.get(today.minusDays(5)).get("payments")).intValue()).isEqualTo(2);
        assertThat(days.get(today.minusDays(5))).containsEntry("plan_key", "individual-standard");
    }

    private Map<String, Map<String, Object>> positionsOf(String customer) {
        Map<String, Map<String, Object>> rows = new java.util.TreeMap<>();
        jdbc.sql("SELECT * FROM debt_position WHERE customer_id = :c").param("c", customer).query().listOfRows()
                .forEach(row -> rows.put((String) row.get("service"), lowerCaseKeys(row)));
        return rows;
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> result = new java.util.HashMap<>();
        row.forEach((key, value) -> result.put(key.toLowerCase(), value));
        return result;
    }

    private static void assertAmount(Map<String, Object> row, String column, String expected) {
        Object value = row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
        assertThat((BigDecimal) value).as(column).isEqualByComparingTo(expected);
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

    /** {@code invoiceId} is the whole id (or null for a payment naming no invoice). */
    private void payment(String id, String customer, String invoiceId, LocalDate paidOn, String amount, String status) {
        load(RegistryKind.PAYMENTS, "payment_id,customer_id,invoice_id,paid_on,amount,status\n%s,%s,%s,%s,%s,%s\n"
                .formatted(p + id, customer, invoiceId == null ? "" : invoiceId, paidOn, amount, status));
    }

    @Autowired
    javax.sql.DataSource dataSource;

    private void batch(String sql, List<Object[]> rows) {
        new org.springframework.jdbc.core.JdbcTemplate(dataSource).batchUpdate(sql, rows);
    }

    void load(RegistryKind kind, String csv) {
        ImportReport report = registries.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.errors()).as("import errors of " + csv).isEmpty();
    }
}
