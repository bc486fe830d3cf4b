package dev.dunning.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dunning.support.DunningNode;
import dev.dunning.support.PostgresAvailable;

/**
 * A single node killed with SIGKILL in the middle of its work, then started again: while it hands reminders to the
 * SMS gateway, while it imports a registry from the drop folder, and while it answers an import over the API. No
 * notice is lost or sent twice; an import is finished after the restart, or re-run by its sender, to the same ledger
 * a run without the crash gives.
 */
@Tag("postgres")
@ExtendWith(PostgresAvailable.class)
class CrashSafetyPostgresTest {

    private static final int CASES = Integer.getInteger("crash.cases", 1_000);
    private static final int INVOICES = Integer.getInteger("crash.invoices", 200_000);
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    void aNodeKilledWhileOpeningCasesAndSendingRemindersSendsEachOnceAfterItsRestart() {
        try (NodeFixture single = new NodeFixture()) {
            // a slow gateway, so that the kill finds requests in flight
            single.gateway.withLatency(Duration.ofMillis(50));
            DunningNode node = single.start("node-e", ClusterPostgresTest.SHORT_LOCKS).awaitUp(START);
            node.post("/api/imports/customers", "text/csv", NodeFixture.customers("CS-", CASES));
            node.post("/api/imports/invoices", "text/csv", NodeFixture.invoices("CS-", CASES));
            CompletableFuture<String> evaluation = CompletableFuture.supplyAsync(
                    () -> node.post("/api/admin/evaluate", "application/json", ""));
            single.await("the first reminders", ClusterPostgresTest.WORK,
                    () -> single.gateway.deliveries() >= CASES / 10, () -> single.gateway.deliveries() + " SMS delivered");

            node.kill();
            int beforeKill = single.gateway.deliveries();
            assertThat(beforeKill).as("reminders sent before the kill").isLessThan(2 * CASES);
            DunningNode restarted = single.restart(node, ClusterPostgresTest.SHORT_LOCKS).awaitUp(START);
            evaluation.handle((report, cutOff) -> report); // usually cut off by the kill, half of the cases opened
            // an admin runs it again (or tomorrow's does): it opens the rest and leaves the open cases as they are
            restarted.post("/api/admin/evaluate", "application/json", "");
            assertThat(single.count("SELECT count(*) FROM collection_case")).isEqualTo(CASES);

            ClusterPostgresTest.awaitSecondReminders(single, CASES);
            single.assertEveryCaseRemindedTwiceAndEveryTimerFiredOnce(CASES);
            // Handed to the gateway but not yet recorded when the node died: handed over again under the same key,
            // which the gateway answers with the message it already sent.
            assertThat(single.gateway.repeatedRequests()).hasSizeLessThanOrEqualTo(100)
                    .allSatisfy((key, times) -> assertThat(times).isEqualTo(2));
        }
    }

    @Test
    void aNodeKilledWhileImportingFromTheDropFolderFinishesTheFileAfterItsRestart() throws IOException {
        Map<String, String> settings = new HashMap<>(ClusterPostgresTest.SHORT_LOCKS);
        settings.put("dunning.imports.stale-claim-after", "PT10S");
        settings.put("dunning.imports.poll-initial-delay", "PT1S");
        settings.put("dunning.imports.poll-interval", "PT1S");
        settings.put("dunning.imports.settle-time", "PT1S");
        try (NodeFixture single = new NodeFixture()) {
            DunningNode node = single.start("node-f", settings).awaitUp(START);
            Registries registries = Registries.of(INVOICES);
            node.post("/api/imports/customers", "text/csv", registries.customers());

            Path drop = single.home(node).resolve("drop");
            Files.createDirectories(drop);
            Path partial = drop.resolve(".invoices-2026-12.part");
            Files.writeString(partial, registries.invoices());
            Files.move(partial, drop.resolve("invoices-2026-12.csv"));
            single.await("the first committed batches", Duration.ofMinutes(5),
                    () -> single.count("SELECT count(*) FROM invoice") > 0, () -> "no invoice yet");
            node.kill();
            long beforeKill = single.count("SELECT count(*) FROM invoice");
            assertThat(beforeKill).as("invoices imported before the kill").isLessThan(INVOICES);

            single.restart(node, settings).awaitUp(START);
            single.await("the file imported to its end", Duration.ofMinutes(10),
                    () -> hasReport(drop.resolve("processed")),
                    () -> single.count("SELECT count(*) FROM invoice") + " invoices");

            registries.assertLedgerHoldsEveryInvoiceOnce(single);
            assertThat(Files.list(drop.resolve("processing")).toList()).as("claims left behind").isEmpty();
        }
    }

    @Test
    void anImportCutOffByAKilledNodeGivesTheSameLedgerWhenItsSenderSendsItAgain() {
        try (NodeFixture single = new NodeFixture()) {
            DunningNode node = single.start("node-g", Map.of()).awaitUp(START);
            Registries registries = Registries.of(INVOICES);
            node.post("/api/imports/customers", "text/csv", registries.customers());

            CompletableFuture<String> cutOff = CompletableFuture.supplyAsync(
                    () -> node.post("/api/imports/invoices", "text/csv", registries.invoices()));
            single.await("the first committed batches", Duration.ofMinutes(5),
                    () -> single.count("SELECT count(*) FROM invoice") > 0, () -> "no invoice yet");
            node.kill();
            assertThat(cutOff).failsWithin(Duration.ofMinutes(1));
            assertThat(single.count("SELECT count(*) FROM invoice")).as("invoices imported before the kill")
                    .isLessThan(INVOICES);

            DunningNode restarted = single.restart(node, Map.of()).awaitUp(START);
            String again = restarted.post("/api/imports/invoices", "text/csv", registries.invoices());

            assertThat(again).contains("\"rejected\":0");
            registries.assertLedgerHoldsEveryInvoiceOnce(single);
            String once = restarted.post("/api/imports/invoices", "text/csv", registries.invoices());
            assertThat(once).as("the same file a third time").contains("\"accepted\":0", "\"unchanged\":" + INVOICES);
        }
    }

    private static boolean hasReport(Path processed) {
        try (var files = Files.list(processed)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".report.json"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Ten invoices per customer with amounts that differ, so that a lost or doubled row shows in the sums. */
    private record Registries(int invoiceCount, String customers, String invoices, BigDecimal total) {

        static Registries of(int invoiceCount) {
            int customerCount = invoiceCount / 10;
            StringBuilder customers = new StringBuilder("customer_id,name,group,phone,locale\n");
            for (int n = 0; n < customerCount; n++) {
                customers.append("CR-").append(n).append(",Debtor ").append(n).append(",individual,+7 901 ")
                        .append(String.format("%07d", n)).append(",ru\n");
            }
            LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(20);
            StringBuilder invoices = new StringBuilder("invoice_id,customer_id,contract,service,issued_on,due_on,amount\n");
            BigDecimal total = BigDecimal.ZERO;
            for (int n = 0; n < invoiceCount; n++) {
                BigDecimal amount = BigDecimal.valueOf(10_000 + n % 9_973, 2);
                total = total.add(amount);
                invoices.append("CRI-").append(n).append(",CR-").append(n % customerCount).append(",K-")
                        .append(n % customerCount).append(",water,").append(due.minusDays(20)).append(',').append(due)
                        .append(',').append(amount.toPlainString()).append('\n');
            }
            return new Registries(invoiceCount, customers.toString(), invoices.toString(), total);
        }

        void assertLedgerHoldsEveryInvoiceOnce(NodeFixture single) {
            assertThat(single.count("SELECT count(*) FROM invoice")).isEqualTo(invoiceCount);
            assertThat(single.count("SELECT count(DISTINCT invoice_id) FROM invoice")).isEqualTo(invoiceCount);
            assertThat(new BigDecimal(single.strings("SELECT CAST(SUM(amount) AS VARCHAR) FROM invoice").get(0)))
                    .as("sum of all invoices").isEqualByComparingTo(total);
            assertThat(single.count("SELECT count(*) FROM invoice i WHERE i.customer_id <> 'CR-' || "
                    + "CAST(CAST(substr(i.invoice_id, 5) AS INTEGER) % " + (invoiceCount / 10) + " AS VARCHAR)"))
                    .as("invoices on the wrong customer").isZero();
        }
    }
}
