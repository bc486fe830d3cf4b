package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.support.PostgresTest;

/**
 * A large import leaves PostgreSQL knowing the table's size, so that the evaluation right after it plans its
 * per-customer queries on indexes instead of reading the whole table. "Large" is 30 rows here.
 */
@PostgresTest
@TestPropertySource(properties = "dunning.imports.analyze-after-rows=30")
class PlannerStatisticsPostgresTest {

    @Autowired
    RegistryImport imports;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anImportOfManyRowsRefreshesTheTablesStatisticsAndASmallOneLeavesThemToAutovacuum() {
        ImportReport customers = imports.importCsv(RegistryKind.CUSTOMERS, csv("customer_id,name,group\n",
                IntStream.range(0, 20).mapToObj(n -> "STAT" + n + ",Statistics Customer " + n + ",individual")));
        ImportReport invoices = imports.importCsv(RegistryKind.INVOICES, csv(
                "invoice_id,customer_id,contract,service,issued_on,due_on,amount\n",
                IntStream.range(0, 40).mapToObj(n -> "STAT-I" + n + ",STAT" + n % 20 + ",K1,water,2026-01-01,2026-01-20,"
                        + (100 + n) + ".00")));

        assertThat(customers.accepted()).isEqualTo(20);
        assertThat(invoices.accepted()).isEqualTo(40);
        assertThat(analyzedByHand("customer")).as("20 customers are fewer than 30 rows").isFalse();
        assertThat(analyzedByHand("invoice")).as("40 invoices are 30 rows or more").isTrue();
        assertThat(jdbc.sql("SELECT reltuples FROM pg_class WHERE relname = 'invoice'").query(Double.class).single())
                .isEqualTo(40.0);
    }

    private boolean analyzedByHand(String table) {
        return jdbc.sql("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = :table")
                .param("table", table).query(Boolean.class).single();
    }

    private static ByteArrayInputStream csv(String header, java.util.stream.Stream<String> rows) {
        return new ByteArrayInputStream((header + rows.collect(Collectors.joining("\n", "", "\n")))
                .getBytes(StandardCharsets.UTF_8));
    }
}
