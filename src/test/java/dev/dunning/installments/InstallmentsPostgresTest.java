package dev.dunning.installments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.Freezes;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.Debtors.Debtor;
import dev.dunning.support.PostgresTest;

/** Agreements stored on PostgreSQL, where two nodes may take proposals for the same customer at once. */
@PostgresTest
class InstallmentsPostgresTest {

    @Autowired
    Installments installments;
    @Autowired
    Freezes freezes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessClock clock;
    @Autowired
    TestRestTemplate rest;

    private Debtor debtor(String amount) {
        return Debtors.withOpenCase(Api.as(rest, "admin"), "PGI", Map.of(), amount, clock.today());
    }

    private InstallmentProposal proposal(String amount, int payments, int firstInDays) {
        return new InstallmentProposal(new BigDecimal(amount), payments, clock.today().plusDays(firstInDays),
                Period.ofMonths(1), "agreed on the phone");
    }

    @Test
    void anAgreementItsScheduleItsFreezesAndItsDecisionAreStoredAndReadBack() {
        Debtor debtor = debtor("1000.00");

        InstallmentAgreement proposed = installments.propose(debtor.customerId(), debtor.caseId(),
                proposal("1000.00", 4, 5), "collector");
        installments.decide(proposed.approvalTaskId(), Installments.APPROVE, "fine", "manager");

        InstallmentAgreement stored = installments.of(debtor.customerId()).get(0);
        LocalDate first = clock.today().plusDays(5);
        assertThat(stored.agreementId()).isEqualTo(proposed.agreementId());
        assertThat(stored.status()).isEqualTo("accepted");
        assertThat(stored.caseId()).isEqualTo(debtor.caseId());
        assertThat(stored.total()).isEqualByComparingTo("1000.00");
        assertThat(stored.interval()).isEqualTo(Period.ofMonths(1));
        assertThat(stored.note()).isEqualTo("agreed on the phone");
        assertThat(stored.createdBy()).isEqualTo("collector");
        assertThat(stored.createdAt()).isEqualTo(clock.now());
        assertThat(stored.decidedBy()).isEqualTo("manager");
        assertThat(stored.decidedAt()).isEqualTo(clock.now());
        assertThat(stored.decisionNote()).isEqualTo("fine");
        assertThat(stored.schedule()).containsExactly(
                new Installment(1, first, new BigDecimal("250.00")),
                new Installment(2, first.plusMonths(1), new BigDecimal("250.00")),
                new Installment(3, first.plusMonths(2), new BigDecimal("250.00")),
                new Installment(4, first.plusMonths(3), new BigDecimal("250.00")));
        List<String> freezeIds = jdbc.sql("""
                SELECT freeze_id FROM installment_payment WHERE agreement_id = :id ORDER BY payment_number""")
                .param("id", stored.agreementId()).query(String.class).list();
        assertThat(freezes.active(debtor.customerId())).extracting(Freeze::freezeId)
                .containsExactlyInAnyOrderElementsOf(freezeIds);
    }

    @Test
    void twoProposalsForOneCustomerAtOnceLeaveExactlyOne() throws Exception {
        Debtor debtor = debtor("1000.00");
        int attempts = 4;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        return installments.propose(debtor.customerId(), null, proposal("900.00", 3, 7), "collector")
                                .status();
                    } catch (IllegalStateException e) {
                        return "refused";
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).containsOnlyOnce("accepted").containsOnly("accepted", "refused");
        } finally {
            pool.shutdownNow();
        }
        assertThat(installments.of(debtor.customerId())).singleElement()
                .satisfies(agreement -> assertThat(agreement.caseId()).isEqualTo(debtor.caseId()));
        assertThat(freezes.active(debtor.customerId())).hasSize(3);
    }
}
