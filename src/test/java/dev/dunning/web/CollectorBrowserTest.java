package dev.dunning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.Api;
import dev.dunning.support.Browser;
import dev.dunning.support.Debtors;
import dev.dunning.support.DunningTest;

/** A collector works the inbox in a real browser: logs in, claims a call, records a promise, the case waits. */
@DunningTest
class CollectorBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = Api.as(rest, "admin");
        browser.at(port);
    }

    @Test
    void aCollectorClaimsACallRecordsAPromiseAndSeesTheCaseSuspended() {
        Debtors.Debtor debtor = Debtors.withOpenCase(admin, "WEB", Map.of("phone", "+79001234567"), "3150.75", clock.today());
        admin.post("/api/admin/clock", Map.of("advance", "P12D"));

        browser.logIn("collector", "collector");
        browser.open("/inbox?customer=" + debtor.customerId());
        assertThat(browser.find(By.id("tasks")).getText()).contains("Anna Debtor").contains("3,150.75");

        browser.find(By.cssSelector("tr[data-customer='" + debtor.customerId() + "'] a")).click();
        browser.find(By.id("claim")).click();
        browser.find(By.id("unclaim")); // the claimed task's page, not the old one going away
        assertThat(browser.find(By.id("assignment")).getText()).contains("Claimed by collector");
        assertThat(browser.find(By.id("call-script")).getText()).contains("Anna Debtor");

        browser.find(By.cssSelector("input[name='callOutcome'][value='promised']")).click();
        browser.find(By.id("complete")).click();
        assertThat(browser.find(By.id("error-promisedOn")).getText()).contains("required");

        String promisedOn = clock.today().plusDays(5).toString();
        browser.await(driver -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.readyState")));
        // Chosen and typed in one go, and again if the page was still being replaced (a stale element): the form
        // must be sent with both. A date input's typing format follows the browser's locale; setting the ISO value
        // is what the form posts.
        browser.await(driver -> {
            var promised = driver.findElement(By.cssSelector("input[name='callOutcome'][value='promised']"));
            if (!promised.isSelected()) {
                promised.click();
            }
            var date = driver.findElement(By.cssSelector("input[name='promisedOn']"));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                    + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", date, promisedOn);
            return promised.isSelected() && promisedOn.equals(date.getDomProperty("value"));
        });
        browser.find(By.id("complete")).click();
        browser.awaitText("Task completed.");

        browser.open("/customers/" + debtor.customerId());
        assertThat(browser.find(By.id("case-status")).getText()).contains("suspended");
        assertThat(browser.find(By.id("timeline")).getText()).contains("task-completed").contains("case-suspended");
    }

    @Test
    void aLongInstallmentPlanWorkedOutOnTheCallIsApprovedByAManager() {
        Debtors.Debtor debtor = Debtors.withOpenCase(admin, "INS", Map.of(), "6000.00", clock.today());
        admin.post("/api/admin/clock", Map.of("advance", "P12D"));

        browser.logIn("collector", "collector");
        browser.open("/inbox?customer=" + debtor.customerId());
        browser.find(By.cssSelector("tr[data-customer='" + debtor.customerId() + "'] a")).click();
        browser.find(By.id("claim")).click();
        browser.find(By.id("unclaim")); // the claimed task's page, not the old one going away
        browser.find(By.cssSelector("details.installments summary")).click();
        var payments = browser.find(By.cssSelector("#installment-form input[name='payments']"));
        payments.clear();
        payments.sendKeys("6");
        browser.await(driver -> driver.findElement(By.id("installment-schedule")).getText().contains("1,000.00"));
        assertThat(browser.find(By.id("installment-terms")).getText()).contains("a manager decides");
        browser.find(By.id("propose-installments")).click();
        browser.awaitText("sent to the managers for approval");

        browser.driver().manage().deleteAllCookies();
        browser.logIn("manager", "manager");
        browser.open("/inbox?activity=approveInstallment&customer=" + debtor.customerId());
        browser.find(By.cssSelector("tr[data-customer='" + debtor.customerId() + "'] a")).click();
        browser.find(By.cssSelector("input[name='decision'][value='approve']")).click();
        browser.find(By.id("complete")).click();
        browser.awaitText("Task completed.");

        browser.open("/customers/" + debtor.customerId());
        assertThat(browser.find(By.id("customer-card")).getText()).contains("installments");
        assertThat(browser.find(By.id("case-status")).getText()).contains("suspended");
    }

    @Test
    void thePagesSpeakRussianWhenAsked() {
        browser.logIn("collector", "collector");
        browser.open("/inbox?lang=ru");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Задачи");
        browser.open("/inbox");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Задачи");
        browser.open("/inbox?lang=en");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Inbox");
    }

    @Test
    void aCustomersNameWithMarkupIsShownAsText() {
        Debtors.Debtor debtor = Debtors.withOpenCase(admin, "XSS", Map.of("name", "<script>window.pwned=1</script>Eve"),
                "999.00", clock.today());
        browser.logIn("manager", "manager");
        browser.open("/customers/" + debtor.customerId());
        assertThat(browser.find(By.tagName("h2")).getText()).contains("<script>window.pwned=1</script>Eve");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("return window.pwned"))
                .isNull();
    }
}
