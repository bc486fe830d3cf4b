package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.dunning.support.PostgresTest;

/** The debt picture on PostgreSQL: the same SQL must mean the same on both databases, and nodes share it. */
@PostgresTest
class DebtPositionsPostgresTest extends DebtPositionsRules {

    @Test
    void aPaymentDuringARebuildDoesNotWaitForItAndItsCustomerIsRewrittenWhenTheRebuildEnds() throws Exception {
        String c = "DPS" + UUID.randomUUID().toString().substring(0, 8);
        load(RegistryKind.CUSTOMERS, "customer_id,name,group\n" + c + ",Customer,individual\n");
        load(RegistryKind.INVOICES, "invoice_id,customer_id,service,due_on,amount\n" + c + "-I1," + c + ",water,"
                + clock.today().minusDays(20) + ",500.00\n");
        positions.refreshAll();

        try (Connection rebuild = dataSource.getConnection()) {
            rebuild.setAutoCommit(false);
            rebuild.createStatement().execute("SELECT name FROM debt_picture_run WHERE name = 'positions' FOR UPDATE");

            CompletableFuture.runAsync(() -> load(RegistryKind.PAYMENTS,
                    "payment_id,customer_id,paid_on,amount,status\n" + c + "-P1," + c + "," + clock.today()
                            + ",200.00,confirmed\n")).get(30, TimeUnit.SECONDS);

            assertThat(balanceOf(c)).as("the position waits for the rebuild").isEqualByComparingTo("500.00");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM debt_position_stale WHERE customer_id = :c").param("c", c)
                    .query(Integer.class).single()).isEqualTo(1);
            rebuild.rollback();
        }

        positions.refreshAll();

        assertThat(balanceOf(c)).isEqualByComparingTo("300.00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM debt_position_stale WHERE customer_id = :c").param("c", c)
                .query(Integer.class).single()).isZero();
    }

    private BigDecimal balanceOf(String customer) {
        return jdbc.sql("SELECT SUM(balance) FROM debt_position WHERE customer_id = :c").param("c", customer)
                .query(BigDecimal.class).single();
    }
}
