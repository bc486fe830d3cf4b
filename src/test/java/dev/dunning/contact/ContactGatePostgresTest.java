package dev.dunning.contact;

import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.PostgresTest;

/** The contact rules' lock on PostgreSQL, where two nodes really do decide at the same moment. */
@PostgresTest
class ContactGatePostgresTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    ContactRules rules;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anImportStillAddingAnInvoiceForTheDebtorDoesNotHoldUpTheDecision() throws Exception {
        String customerId = "PG-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO customer (customer_id, name, group_name, time_zone, updated_at)
                VALUES (:id, 'Debtor', 'individual', 'Europe/Moscow', :now)""")
                .param("id", customerId).param("now", clock.now().atOffset(ZoneOffset.UTC)).update();
        java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch decided = new java.util.concurrent.CountDownLatch(1);
        var importer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var importing = importer.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("""
                        INSERT INTO invoice (invoice_id, customer_id, due_on, amount, currency, imported_at)
                        VALUES (:id, :customer, DATE '2026-02-01', 100.00, 'RUB', :now)""")
                        .param("id", customerId + "-open").param("customer", customerId)
                        .param("now", clock.now().atOffset(ZoneOffset.UTC)).update();
                inserted.countDown();
                await(decided);
            }));
            inserted.await();
            var deciding = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() ->
                    new TransactionTemplate(transactions).execute(status -> rules.admit(java.util.List.of(
                            new ContactAttempt("n-" + customerId, customerId, "email", ContactKind.MESSAGE)), clock.now())));
            org.assertj.core.api.Assertions.assertThat(deciding.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .containsValue(new ContactDecision.Allowed());
            decided.countDown();
            importing.get();
        } finally {
            decided.countDown();
            importer.shutdownNow();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoNodesAdmittingMessagesForOneDebtorAtOnceNeverPassTheDailyCap() throws Exception {
        for (int run = 0; run < 5; run++) {
            String customerId = "PG-" + UUID.randomUUID().toString().substring(0, 8);
            jdbc.sql("""
                    INSERT INTO customer (customer_id, name, group_name, time_zone, updated_at)
                    VALUES (:id, 'Debtor', 'individual', 'Europe/Moscow', :now)""")
                    .param("id", customerId).param("now", clock.now().atOffset(ZoneOffset.UTC)).update();
            ContactRulesApiTest.assertCapHeldUnderConcurrency(customerId, transactions, rules, clock);
        }
    }
}
