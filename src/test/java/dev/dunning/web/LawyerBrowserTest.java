package dev.dunning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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

/** A lawyer opens an escalated case in a real browser and downloads the pre-trial claim it links to. */
@DunningTest
class LawyerBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;

    @Test
    void aLawyerDownloadsTheClaimAndItNamesTheCustomerAndTheDebt() throws Exception {
        Api admin = Api.as(rest, "admin");
        Api collector = Api.as(rest, "collector");
        Debtors.Debtor debtor = Debtors.withOpenCase(admin, "LAW", Map.of("name", "Пётр Должников"), "4321.09",
                clock.today());
        admin.post("/api/admin/clock", Map.of("advance", "P12D"));
        String call = callOf(collector, debtor);
        collector.post("/api/tasks/" + call + "/complete", Map.of("callOutcome", "refused", "note", "will not pay"));
        admin.post("/api/admin/clock", Map.of("advance", "P31D"));

        browser.at(port).logIn("lawyer", "lawyer");
        browser.open("/legal");
        browser.find(By.cssSelector("tr[data-customer='" + debtor.customerId() + "'] a")).click();
        assertThat(browser.find(By.id("customer-card")).getText()).contains("Пётр Должников");
        String claimLink = browser.find(By.id("claim-pdf")).getAttribute("href");

        HttpResponse<byte[]> claim = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(claimLink))
                .header("Cookie", "JSESSIONID=" + browser.driver().manage().getCookieNamed("JSESSIONID").getValue())
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(claim.statusCode()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(claim.body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Пётр Должников").containsPattern("4[\\s\\u00a0\\u202f]?321[,.]09");
        }
    }

    @SuppressWarnings("unchecked")
    private static String callOf(Api collector, Debtors.Debtor debtor) {
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) collector
                .get("/api/tasks/page?activity=callDebtor&customer=" + debtor.customerId()).get("tasks");
        return (String) tasks.get(0).get("id");
    }
}
