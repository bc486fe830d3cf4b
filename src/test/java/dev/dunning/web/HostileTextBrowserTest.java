package dev.dunning.web;

import static dev.dunning.support.HostileText.BUILDING;
import static dev.dunning.support.HostileText.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.Api;
import dev.dunning.support.Browser;
import dev.dunning.support.DunningTest;

/**
 * Chromium opens the pages of a customer whose name and building are script: the customer card, the cockpit's case
 * search, and the buildings report, whose chart draws the building from JSON in the page and names it in its
 * tooltip. Nothing runs (no alert, {@code window.hostile} stays undefined, no element the text would have made),
 * and the name and the building read as the text they are.
 */
@DunningTest
class HostileTextBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;

    @Test
    void aCustomerNamedWithScriptIsReadAsTextAndNoScriptOfItRuns() {
        String customer = "HWB-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = Api.as(rest, "admin");
        admin.importCsv("customers", "customer_id,name,group,building\n" + customer + "," + csv(NAME) + ",individual,"
                + csv(BUILDING) + "\n");
        admin.importCsv("invoices", "invoice_id,customer_id,due_on,amount\n" + customer + "-1," + customer + ","
                + clock.today().minusDays(10) + ",3150.75\n");
        admin.post("/api/admin/evaluate", Map.of());
        browser.at(port);

        browser.logIn("admin", "admin");
        browser.open("/customers/" + customer);
        assertThat(browser.find(By.cssSelector("#customer-card h2")).getText()).contains(NAME);
        assertThat(browser.find(By.id("customer-card")).getText()).contains(BUILDING);
        assertNothingRan("#customer-card");

        browser.open("/admin/cockpit/cases?q=" + customer);
        assertThat(browser.find(By.id("found-cases")).getText()).contains(NAME);
        assertNothingRan("#found-cases");

        browser.open("/reports/buildings?building=" + URLEncoder.encode(BUILDING, StandardCharsets.UTF_8));
        WebElement chart = browser.find(By.cssSelector("#report-chart canvas"));
        assertThat(browser.find(By.id("report-table")).getText()).contains(BUILDING);
        new Actions(browser.driver()).moveToElement(chart).perform();
        String tooltip = browser.await(driver -> {
            String text = (String) ((JavascriptExecutor) driver).executeScript(
                    "var tips = [...document.querySelectorAll('#report-chart div')]"
                            + ".filter(d => d.style.position === 'absolute' && d.innerText.trim() !== '');"
                            + " return tips.length ? tips[0].innerText : null;");
            return text != null && text.contains("Tower") ? text : null;
        });
        assertThat(tooltip).as("the chart's tooltip names the building as text").contains(BUILDING);
        assertNothingRan("#report-chart, #report-table");
    }

    /** No alert is open, no script set the flag, and the text made no element under {@code where}. */
    private void assertNothingRan(String where) {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        Object flag = ((JavascriptExecutor) browser.driver()).executeScript("return typeof window.hostile;");
        assertThat(flag).as("window.hostile after %s", browser.driver().getCurrentUrl()).isEqualTo("undefined");
        assertThat(browser.driver().findElements(By.cssSelector(String.join(", ",
                java.util.Arrays.stream(where.split(",\\s*")).flatMap(scope -> java.util.stream.Stream.of(
                        scope + " img", scope + " iframe", scope + " b", scope + " tbody script",
                        scope + " svg[onload]")).toList()))))
                .as("elements made from the text under %s", where).isEmpty();
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
