package dev.dunning.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
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
import dev.dunning.clock.BusinessTime;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanGroups;
import dev.dunning.support.Api;
import dev.dunning.support.Browser;

/**
 * An admin in a real browser: sees on a plan's diagram how many cases wait at each step and where a job failed,
 * finds the failing case by its customer's name, reads the stack trace, retries the job once billing is back, and
 * the case moves on to the call.
 */
@CockpitTest
class CockpitBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanCatalog catalog;
    @Autowired
    PlanGroups groups;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    FlakyBilling billing;

    CockpitPlans plan;

    @BeforeEach
    void setUp() {
        browser.at(port);
        plan = new CockpitPlans(catalog, groups, time, clock, billing, Api.as(rest, "admin"));
    }

    @Test
    void anAdminSeesTheCountsOnTheDiagramFindsTheFailingCaseAndRetriesItsJobAfterTheCauseIsFixed() throws IOException {
        plan.openCase("Ivan Waiting");
        plan.openCase("Olga Waiting");
        String failing = plan.openCaseWithFailedStep("Boris Billingless");

        browser.logIn("admin", "admin");
        browser.find(By.id("nav-cockpit")).click();
        WebElement row = browser.find(By.cssSelector("tr[data-plan='" + plan.key + "']"));
        assertThat(row.getText()).contains("Cockpit test plan").contains("3").contains("1");
        screenshot("overview");

        row.findElement(By.tagName("a")).click();
        awaitDiagram();
        assertThat(browser.find(By.cssSelector(".djs-overlay .cockpit-count.waiting[data-activity='callDebtor']"))
                .getText()).isEqualTo("2");
        assertThat(browser.find(By.cssSelector(".djs-overlay .cockpit-count.waiting[data-activity='checkBilling']"))
                .getText()).isEqualTo("1");
        assertThat(browser.find(By.cssSelector(".djs-overlay .cockpit-count.failed[data-activity='checkBilling']"))
                .getText()).isEqualTo("1");
        screenshot("plan");

        browser.open("/admin/cockpit");
        browser.find(By.id("q")).sendKeys("billingless");
        browser.find(By.cssSelector("#case-search button")).click();
        WebElement found = browser.find(By.cssSelector("#found-cases tbody tr"));
        assertThat(found.getText()).contains("Boris Billingless").contains(failing);
        found.findElement(By.cssSelector("a[href^='/admin/cockpit/cases/']")).click();

        awaitDiagram();
        assertThat(browser.find(By.id("current-activities")).getText()).isEqualTo("checkBilling");
        browser.find(By.cssSelector(".djs-overlay .cockpit-count.here[data-activity='checkBilling']"));
        assertThat(browser.find(By.id("customer-card")).getAttribute("href")).endsWith("/customers/" + failing);
        assertThat(browser.find(By.cssSelector("#failed-jobs .cause")).getText()).contains(FlakyBilling.DOWN);
        browser.find(By.cssSelector("#failed-jobs .show-trace")).click();
        Boolean traced = browser.await(page -> page.findElement(By.cssSelector("#failed-jobs pre.stacktrace")).getText()
                .contains(FlakyBilling.DOWN));
        assertThat(traced).as("the stack trace names the cause").isTrue();
        screenshot("case-failed");

        billing.backFor(failing);
        browser.find(By.cssSelector("#failed-jobs button.retry")).click();
        browser.awaitText("The job is given back to the engine");
        time.runDueNow();
        browser.driver().navigate().refresh();
        awaitDiagram();
        assertThat(browser.find(By.id("current-activities")).getText()).isEqualTo("callDebtor");
        assertThat(browser.driver().findElements(By.id("failed-jobs"))).as("no failed job left").isEmpty();
        assertThat(browser.find(By.id("case-timeline")).getText()).contains("failed-job-retried").contains("admin");
        screenshot("case-retried");

        browser.find(By.cssSelector("#suspend-form button")).click();
        assertThat(browser.find(By.id("action-problem")).getText()).contains("reason");
        browser.find(By.cssSelector("#suspend-form input[name='reason']")).sendKeys("customer in hospital");
        browser.find(By.cssSelector("#suspend-form button")).click();
        browser.awaitText("Case suspended.");
        assertThat(browser.find(By.id("case-status")).getText()).contains("suspended").contains("admin");
        assertThat(browser.find(By.id("case-timeline")).getText()).contains("case suspended: customer in hospital");
        screenshot("case-suspended");

        browser.open("/admin/cockpit?lang=ru");
        browser.awaitText("Развёрнутые планы");
        assertThat(browser.find(By.id("nav-cockpit")).getText()).isEqualTo("Кокпит");
    }

    private void awaitDiagram() {
        String ready = browser.await(page -> page.findElement(By.id("diagram")).getDomAttribute("data-ready"));
        assertThat(ready).as("the diagram is drawn").isEqualTo("true");
    }

    private void screenshot(String what) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(folder.resolve("CockpitBrowserTest-" + what + ".png"),
                ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    }
}
