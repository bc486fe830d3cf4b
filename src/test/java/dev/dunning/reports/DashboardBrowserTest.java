package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtPositions;
import dev.dunning.support.Api;
import dev.dunning.support.Browser;
import dev.dunning.support.DunningTest;

/** A manager lands on the dashboard in a real browser, sees its charts drawn, and narrows it to one building. */
@DunningTest
class DashboardBrowserTest {

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
    void aManagersDashboardDrawsItsChartsAndTheBuildingFilterNarrowsTheFigures() throws IOException {
        String p = "DBB" + UUID.randomUUID().toString().substring(0, 8);
        String building = p + "-house";
        Api admin = Api.as(rest, "admin");
        admin.importCsv("customers", "customer_id,name,group,building\n%s-1,Dash One,individual,%s\n%s-2,Dash Two,business,%s-other\n"
                .formatted(p, building, p, building));
        admin.importCsv("invoices", "invoice_id,customer_id,service,due_on,amount\n%s-I1,%s-1,water,%s,777.00\n%s-I2,%s-2,gas,%s,123456.00\n"
                .formatted(p, p, clock.today().minusDays(45), p, p, clock.today().minusDays(20)));
        positions.refreshAll();

        browser.at(port).logIn("manager", "manager");
        browser.await(page -> page.getCurrentUrl().endsWith("/dashboard"));
        for (String chart : new String[] {"chart-aging", "chart-collection", "chart-cases", "chart-promises",
                "chart-notices", "chart-workload"}) {
            WebElement drawn = browser.find(By.cssSelector("#" + chart + " svg"));
            assertThat(drawn.isDisplayed()).as(chart + " is drawn").isTrue();
        }
        String everyone = browser.find(By.id("real-debt")).getText();
        screenshot("all");

        browser.find(By.id("filter-building")).sendKeys(building);
        browser.find(By.cssSelector("#dashboard-filters button[type=submit]")).click();
        browser.await(page -> page.getCurrentUrl().contains("building=" + building));
        String oneBuilding = browser.find(By.id("real-debt")).getText();

        assertThat(oneBuilding).isNotEqualTo(everyone).contains("777");
        assertThat(browser.find(By.cssSelector("#aging tr[data-bucket='31_60']")).getText()).contains("777");
        assertThat(browser.find(By.cssSelector("#chart-aging svg")).isDisplayed()).isTrue();
        screenshot("one-building");
    }

    private void screenshot(String what) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(folder.resolve("DashboardBrowserTest-" + what + ".png"),
                ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    }
}
