package dev.dunning.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

@DunningTest
class OpenInvoicesTest {

    @Autowired
    Ledger ledger;
    @Autowired
    TestRestTemplate rest;

    @Test
    void paymentsPayTheInvoicesTheyNameThenTheOldestAndWhatIsLeftOpenIsListedWithItsContract() {
        Api admin = Api.as(rest, "admin");
        admin.importCsv("customers", """
                customer_id,name,group
                OI-1,Ольга Открытая,individual
                """);
        admin.importCsv("invoices", """
                invoice_id,customer_id,contract,service,due_on,amount
                OI-INV-1,OI-1,K-77,water,2026-01-15,1000.00
                OI-INV-2,OI-1,K-77,heating,2026-01-15,2000.00
                OI-INV-3,OI-1,K-78,,2026-02-15,500.00
                OI-INV-4,OI-1,,,2026-03-15,300.00
                """);
        admin.importCsv("payments", """
                payment_id,customer_id,invoice_id,paid_on,amount,status
                OI-PAY-1,OI-1,OI-INV-3,2026-02-10,600.00,confirmed
                OI-PAY-2,OI-1,,2026-02-11,1200.00,confirmed
                OI-PAY-3,OI-1,,2026-02-12,5000.00,unconfirmed
                """);

        // INV-3 is overpaid by 100, which joins the 1200 paid without naming an invoice: 1300 pays INV-1 and 300 of INV-2.
        assertThat(ledger.openInvoices("OI-1")).containsExactly(
                new OpenInvoice("OI-INV-2", "K-77", "heating", LocalDate.of(2026, 1, 15), new BigDecimal("2000.00"),
                        new BigDecimal("1700.00")),
                new OpenInvoice("OI-INV-4", null, null, LocalDate.of(2026, 3, 15), new BigDecimal("300.00"),
                        new BigDecimal("300.00")));
        assertThat(ledger.debtOf("OI-1").balance()).isEqualByComparingTo("2000.00");
    }

    @Test
    void aPreTrialClaimListsTheOpenInvoicesWithTheirContracts() {
        Api admin = Api.as(rest, "admin");
        admin.importCsv("customers", """
                customer_id,name,group,locale
                OI-2,Oleg Open,individual,en
                """);
        admin.importCsv("invoices", """
                invoice_id,customer_id,contract,service,due_on,amount
                OI-INV-21,OI-2,K-90,water,2026-01-15,1000.00
                """);
        admin.importCsv("payments", """
                payment_id,customer_id,invoice_id,paid_on,amount,status
                OI-PAY-21,OI-2,OI-INV-21,2026-02-10,250.00,confirmed
                """);

        String body = (String) Api.as(rest, "lawyer")
                .get("/api/templates/pretrial-claim/preview?customer=OI-2&channel=email").get("body");

        assertThat(body).contains("- invoice OI-INV-21 under contract K-90 (water), due on January 15, 2026, "
                + "750.00 RUB to pay of 1,000.00 RUB");
    }
}
