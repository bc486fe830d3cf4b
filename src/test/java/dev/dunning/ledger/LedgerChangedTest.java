package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.dunning.support.DunningTest;

/** Other features learn whose money changed from {@link LedgerChanged}, published after each committed batch. */
@DunningTest
@RecordApplicationEvents
class LedgerChangedTest {

    @Autowired
    RegistryImport imports;

    @Autowired
    ApplicationEvents events;

    private final String p = "E" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void anInvoicesImportNamesTheCustomersWhoseInvoicesChanged() {
        importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group\n%1$sC1,One,individual\n%1$sC2,Two,business\n%1$sC3,Three,public\n");
        importCsv(RegistryKind.INVOICES, "invoice_id,customer_id,due_on,amount\n%1$sI3,%1$sC3,2026-01-31,10.00\n");
        events.clear();

        importCsv(RegistryKind.INVOICES, """
                invoice_id,customer_id,due_on,amount
                %1$sI1,%1$sC1,2026-01-31,100.00
                %1$sI2,%1$sC2,2026-01-31,200.00
                %1$sI3,%1$sC3,2026-01-31,10.00
                """);

        assertThat(changedCustomers()).containsExactlyInAnyOrder(p + "C1", p + "C2");
    }

    @Test
    void aPaymentsImportNamesThePayingCustomers() {
        importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group\n%1$sC1,One,individual\n");
        events.clear();

        importCsv(RegistryKind.PAYMENTS, "payment_id,customer_id,paid_on,amount\n%1$sP1,%1$sC1,2026-02-01,50.00\n");

        assertThat(changedCustomers()).containsExactly(p + "C1");
    }

    @Test
    void customersAndUnchangedRowsAnnounceNothing() {
        importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group\n%1$sC1,One,individual\n");
        importCsv(RegistryKind.PAYMENTS, "payment_id,customer_id,paid_on,amount\n%1$sP1,%1$sC1,2026-02-01,50.00\n");
        events.clear();

        importCsv(RegistryKind.CUSTOMERS, "customer_id,name,group\n%1$sC1,One Renamed,individual\n");
        importCsv(RegistryKind.PAYMENTS, "payment_id,customer_id,paid_on,amount\n%1$sP1,%1$sC1,2026-02-01,50.00\n");

        assertThat(events.stream(LedgerChanged.class)).isEmpty();
    }

    /** Every customer named by the events so far; rows go to their batches by id, so one file may make several. */
    private List<String> changedCustomers() {
        return events.stream(LedgerChanged.class).flatMap(changed -> changed.customerIds().stream()).toList();
    }

    private void importCsv(RegistryKind kind, String csv) {
        ImportReport report = imports.importCsv(kind, new ByteArrayInputStream(csv.formatted(p).getBytes(StandardCharsets.UTF_8)));
        assertThat(report.rejected()).as("%s", report.errors()).isZero();
    }
}
