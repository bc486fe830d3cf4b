package dev.dunning.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dunning.support.DunningNode;
import dev.dunning.support.PostgresAvailable;

/**
 * Two Dunning nodes, each a JVM of its own on loopback, share one fresh PostgreSQL database the way a production
 * cluster does. Ten thousand debtors get their first two reminders; every reminder reaches its debtor once and every
 * timer fires once, also when one node is killed in the middle of the work (4,000 debtors). {@code -Dcluster.cases=} and
 * {@code -Dcluster.kill-cases=} for other sizes.
 */
@Tag("postgres")
@ExtendWith(PostgresAvailable.class)
class ClusterPostgresTest {

    private static final int CASES = Integer.getInteger("cluster.cases", 10_000);
    /** Fewer for the kill: what it proves is the takeover, which the first thousand cases show as well as more. */
    private static final int KILL_CASES = Integer.getInteger("cluster.kill-cases", 4_000);
    private static final Duration START = Duration.ofMinutes(3);
    static final Duration WORK = Duration.ofMinutes(15);

    /** Short locks, so that the work a killed node held is taken over within seconds, not the default minutes. */
    static final Map<String, String> SHORT_LOCKS = Map.of(
            "flowable.process.async.executor.async-job-lock-time", "PT20S",
            "flowable.process.async.executor.timer-lock-time", "PT20S",
            "flowable.process.async.executor.reset-expired-jobs-interval", "PT5S",
            "dunning.notify.sending-lease", "PT20S");

    @Test
    void twoNodesStartedTogetherSendEveryReminderOnceAndFireEveryTimerOnce() {
        try (NodeFixture cluster = new NodeFixture()) {
            DunningNode[] nodes = startTogether(cluster, "node-a", "node-b", Map.of());

            openCases(cluster, nodes[0], nodes[1], CASES);
            awaitSecondReminders(cluster, CASES);

            cluster.assertEveryCaseRemindedTwiceAndEveryTimerFiredOnce(CASES);
            assertThat(cluster.gateway.repeatedRequests()).as("reminders handed to the gateway twice").isEmpty();
            assertThat(cluster.gateway.requestsFrom("node-a")).as("reminders node-a sent").isPositive();
            assertThat(cluster.gateway.requestsFrom("node-b")).as("reminders node-b sent").isPositive();
            assertThat(cluster.count("SELECT count(*) FROM act_re_procdef WHERE key_ = ?", NodeFixture.PLAN))
                    .as("versions of the plan both nodes deployed at start-up").isEqualTo(1);
            assertThat(cluster.count("SELECT count(*) FROM users WHERE username = 'admin'")).isEqualTo(1);
        }
    }

    @Test
    void whenOneNodeIsKilledMidWayTheOtherFinishesWithoutLossOrDuplicate() {
        try (NodeFixture cluster = new NodeFixture()) {
            DunningNode[] nodes = startTogether(cluster, "node-c", "node-d", SHORT_LOCKS);
            DunningNode victim = nodes[0];
            DunningNode survivor = nodes[1];

            openCases(cluster, survivor, survivor, KILL_CASES);
            cluster.await("half of the reminders", WORK, () -> cluster.gateway.deliveries() >= KILL_CASES,
                    () -> cluster.gateway.deliveries() + " SMS delivered");
            victim.kill();
            int requestsBeforeKill = cluster.gateway.requestsFrom(victim.name());

            awaitSecondReminders(cluster, KILL_CASES);

            cluster.assertEveryCaseRemindedTwiceAndEveryTimerFiredOnce(KILL_CASES);
            assertThat(requestsBeforeKill).as("reminders the killed node sent before it died").isPositive();
            assertThat(cluster.gateway.requestsFrom(victim.name())).isEqualTo(requestsBeforeKill);
            // What the killed node had handed to the gateway without recording it is handed over again under the same
            // dedupe key, which the gateway drops: one SMS each. At most one claimed batch can be in that state.
            assertThat(cluster.gateway.repeatedRequests()).hasSizeLessThanOrEqualTo(100)
                    .allSatisfy((key, times) -> assertThat(times).isEqualTo(2));
        }
    }

    private static DunningNode[] startTogether(NodeFixture cluster, String first, String second,
            Map<String, String> extra) {
        DunningNode one = cluster.start(first, extra);
        DunningNode two = cluster.start(second, extra);
        CompletableFuture<DunningNode> oneUp = CompletableFuture.supplyAsync(() -> one.awaitUp(START));
        CompletableFuture<DunningNode> twoUp = CompletableFuture.supplyAsync(() -> two.awaitUp(START));
        return new DunningNode[] {oneUp.join(), twoUp.join()};
    }

    /** Billing's registries go to one node, the evaluation runs on the other. */
    static void openCases(NodeFixture cluster, DunningNode importer, DunningNode evaluator, int cases) {
        String prefix = "CL-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        importer.post("/api/imports/customers", "text/csv", NodeFixture.customers(prefix, cases));
        importer.post("/api/imports/invoices", "text/csv", NodeFixture.invoices(prefix, cases));
        String evaluation = evaluator.post("/api/admin/evaluate", "application/json", "");
        assertThat(cluster.count("SELECT count(*) FROM collection_case"))
                .as("cases the evaluation opened (%s)", evaluation).isEqualTo(cases);
    }

    static void awaitSecondReminders(NodeFixture cluster, int cases) {
        cluster.await("every second reminder", ClusterPostgresTest.WORK,
                () -> cluster.count("SELECT count(*) FROM notice_delivery WHERE status = 'sent'") >= 2L * cases
                        && cluster.count("SELECT count(*) FROM act_ru_timer_job") >= cases
                        && cluster.count("SELECT count(*) FROM act_ru_job") == 0,
                () -> cluster.count("SELECT count(*) FROM notice_delivery WHERE status = 'sent'") + " notices sent, "
                        + cluster.gateway.deliveries() + " SMS delivered, "
                        + cluster.count("SELECT count(*) FROM act_ru_job") + " async jobs and "
                        + cluster.count("SELECT count(*) FROM act_ru_timer_job") + " timers waiting");
    }
}
