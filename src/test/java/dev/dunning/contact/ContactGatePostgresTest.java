package dev.dunning.contact;

import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

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
