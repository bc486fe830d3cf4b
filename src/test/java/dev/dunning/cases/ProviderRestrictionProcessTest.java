package dev.dunning.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.cases.RestrictionConnectorRules.BillingSystem;
import dev.dunning.cases.RestrictionConnectorRules.Received;
import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.LocalMailServer;

/**
 * One household, two providers worked separately: the heating company on the utilities plan with its own
 * restriction connector, the water company on the standard plan. The heating company's case restricts heating
 * through the heating company's billing system, on the heating debt alone; a payment to the water company changes
 * nothing of it; the payment to the heating company settles the case and restores the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-provider-restriction;DB_CLOSE_DELAY=-1",
        "dunning.providers.separate=true",
        "dunning.providers.list.water.name=Vodokanal",
        "dunning.providers.list.water.services=water",
        "dunning.providers.list.heating.name=Teploset",
        "dunning.providers.list.heating.services=heating",
        "dunning.providers.list.heating.plan=utilities-individual",
        "dunning.notify.letter.enabled=true",
        "dunning.notify.letter.batch-folder=target/letters-provider-restriction",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1",
        "dunning.restriction.secret=" + RestrictionConnectorRules.SECRET,
        "dunning.restriction.providers.heating.secret=" + RestrictionConnectorRules.SECRET})
class ProviderRestrictionProcessTest {

    private static BillingSystem heatingCompany;
    private static BillingSystem everyoneElse;

    @RegisterExtension
    static final LocalMailServer SMTP = new LocalMailServer();

    @DynamicPropertySource
    static void addresses(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.port", SMTP::port);
        properties.add("dunning.restriction.url", () -> "http://127.0.0.1:" + everyoneElse.port() + "/restrictions");
        properties.add("dunning.restriction.providers.heating.url",
                () -> "http://127.0.0.1:" + heatingCompany.port() + "/restrictions");
    }

    @BeforeAll
    static void startBillingSystems() {
        heatingCompany = BillingSystem.start();
        everyoneElse = BillingSystem.start();
    }

    @AfterAll
    static void stopBillingSystems() {
        heatingCompany.stop();
        everyoneElse.stop();
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;

    @Test
    void theHeatingCompanysCaseRestrictsHeatingThroughItsOwnConnectorAndOnlyItsOwnPaymentRestoresIt() {
        PlanCase plan = PlanCase.customer(rest, time, clock, "individual", null);
        plan.oweFor("heating", "4200.00", clock.today().minusDays(40));
        plan.oweFor("water", "200.00", clock.today().minusDays(40));
        plan.admin.post("/api/admin/evaluate", Map.of());
        time.runDueNow();
        assertThat(plan.currentCase()).as("water's 200.00 is below the minimum: heating's case only")
                .containsEntry("plan", "utilities-individual").containsEntry("provider", "heating");

        plan.advance(Duration.ofDays(12));
        plan.call("refused");
        plan.advance(Duration.ofDays(30));
        plan.advance(Duration.ofHours(1));

        List<Received> restrict = heatingCompany.requestsOf(plan.customer);
        assertThat(restrict).singleElement().satisfies(received -> {
            assertThat(received.signedBySecret()).isTrue();
            assertThat(received.json().get("action").asText()).isEqualTo("restrict");
            assertThat(received.json().get("provider").asText()).isEqualTo("heating");
            assertThat(received.json().get("services").toString()).isEqualTo("[\"heating\"]");
            assertThat(received.json().get("amount").decimalValue()).as("the heating debt, not the household's")
                    .isEqualByComparingTo("4200.00");
        });
        assertThat(everyoneElse.requestsOf(plan.customer)).as("the deployment-wide connector").isEmpty();

        plan.payTo("water", "200.00");
        plan.advance(Duration.ofMinutes(1));
        assertThat(plan.currentCase()).as("paying the water company does not settle heating").containsEntry("status", "open");
        assertThat(heatingCompany.requestsOf(plan.customer)).as("nor restore heating").hasSize(1);

        plan.payTo("heating", "4200.00");
        plan.advance(Duration.ofMinutes(1));

        assertThat(plan.currentCase()).containsEntry("status", "settled");
        assertThat(heatingCompany.requestsOf(plan.customer)).hasSize(2).last()
                .satisfies(received -> assertThat(received.json().get("action").asText()).isEqualTo("restore"));
        assertThat(plan.noticeTemplates()).contains("thank-you", "service-restored");
        assertThat(everyoneElse.requestsOf(plan.customer)).isEmpty();
    }
}
