package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.support.Api;
import dev.dunning.support.Browser;
import dev.dunning.support.DunningTest;

/** A manager finds the reports in the menu, filters the aging by building, and reads the collection rate's chart. */
@DunningTest
class ReportBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;
    @Autowired
    DebtPositions positions;

    @Test
    void aManagerOpensTheReportsFiltersTheAgingAndSeesTheCollectionRateChart() throws Exception {
        String p = "RB" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String building = p + "Lenina 5";
        Api admin = Api.as(rest, "admin");
        admin.importCsv("customers", "customer_id,name,group,building\n%sC1,Anna,individual,%s\n%sC2,Boris,individual,%s\n"
                .formatted(p, building, p, building));
        admin.importCsv("invoices", """
                invoice_id,customer_id,service,issued_on,due_on,amount
                %sW1,%sC1,water,%s,%s,1200.00
                %sH1,%sC2,heating,%s,%s,800.00
                """.formatted(p, p, clock.today().minusDays(70), clock.today().minusDays(60), p, p,
                clock.today().minusDays(40), clock.today().minusDays(20)));
        admin.importCsv("payments", "payment_id,customer_id,paid_on,amount,status\n%sP1,%sC1,%s,500.00,confirmed\n"
                .formatted(p, p, clock.today().minusDays(10)));
        positions.refreshAll();

        browser.at(port).logIn("manager", "manager");
        browser.find(By.linkText("Reports")).click();
        browser.awaitText("Collection rate");
        screenshot("list");

        browser.find(By.cssSelector("tr[data-report='aging'] a")).click();
        browser.find(By.name("building")).sendKeys(building);
        browser.find(By.cssSelector("#report-filters button[type=submit]")).click();
        String aging = browser.awaitText(p + "C2");
        assertThat(aging).contains(p + "C1", "700.00", "800.00", "1,500.00");
        assertThat(browser.find(By.id("export-csv")).getAttribute("href")).contains("building=" + p + "Lenina+5");
        screenshot("aging");

        browser.open("/reports/collection-rate?building=" + java.net.URLEncoder.encode(building, "UTF-8"));
        browser.find(By.cssSelector("#report-chart canvas"));
        assertThat(browser.text()).contains("2,000.00", "500.00");
        screenshot("collection-rate");
    }

    private void screenshot(String what) throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(folder.resolve("ReportBrowserTest-" + what + ".png"),
                ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    }
}
