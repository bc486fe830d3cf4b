package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.dunning.security.Roles;
import dev.dunning.security.UserAccounts;
import dev.dunning.support.Api;
import dev.dunning.support.DunningTest;

/**
 * The digest as managers read it: its preview page, its figures printed as money of the locale with signed changes,
 * and an admin's "send now" refused with the reason when no mail server is configured (as in the shared application).
 */
@DunningTest
class DigestPagesTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    DigestTemplates templates;
    @Autowired
    UserAccounts accounts;

    @Test
    void aManagerSeesTodaysDigestInTheConfiguredLanguageAndACollectorDoesNot() {
        ResponseEntity<String> page = rest.withBasicAuth("manager", "manager").getForEntity("/reports/digest", String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(page.getBody()).contains("Ежедневная сводка Dunning").contains("Деньги за")
                .contains("http://localhost:8080/dashboard");
        assertThat(rest.withBasicAuth("collector", "collector").getForEntity("/reports/digest", String.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void amountsPrintAsTheLocalesMoneyAndChangesCarryTheirSign() {
        Digest digest = digest();

        DigestTemplates.Rendered russian = templates.render(digest, "ru", "https://dunning.example/dashboard");
        DigestTemplates.Rendered english = templates.render(digest, "en", "https://dunning.example/dashboard");

        assertThat(plain(russian.subject())).isEqualTo("Сводка Dunning за 3 марта 2026 г.: реальный долг 12 345,60");
        assertThat(plain(russian.text())).contains("Реальный долг:       12 345,60 (-850,00)")
                .contains("Должников:           3 (+1)").contains("1-30 дней: 50,00 (+50,00)")
                .contains("business: реальный долг 12 345,60 (-850,00)")
                .contains("(собираемость 1 800,00%)").contains("email: отправлено 7, не доставлено 1")
                .contains("Обещания оплатить со сроком 2 марта 2026 г.: 2 (выполнено 1, нарушено 1)")
                .contains("  напоминание: 2");
        assertThat(english.subject()).isEqualTo("Dunning digest for March 3, 2026: real debt 12,345.60");
        assertThat(english.text()).contains("Real debt:         12,345.60 (-850.00)")
                .contains("Customers in debt: 3 (+1)").contains("Failed jobs waiting for an admin: 4")
                .contains("Open collector tasks: 5 (2 unclaimed)").contains("Dashboard: https://dunning.example/dashboard");
        assertThat(english.html()).contains("<a href=\"https://dunning.example/dashboard\">")
                .contains("<td>business &lt;b&gt;</td>").doesNotContain("<b>");
    }

    @Test
    void anAdminsSendNowSaysWhyNothingWasSentWithoutAMailServer() {
        ResponseEntity<Map<String, Object>> refused = Api.as(rest, "admin").postForResponse("/api/admin/digest", Map.of());

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().get("detail")).asString().startsWith("the digest cannot be mailed: no sender");
    }

    @Test
    void anAdminGivesAManagerAnEmailOnTheUsersPage() {
        String name = "digest-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new UserAccounts.Change(name, "a long enough secret", List.of(Roles.MANAGER), List.of(), true),
                "admin");
        TestRestTemplate admin = rest.withBasicAuth("admin", "admin");
        ResponseEntity<String> page = admin.getForEntity("/admin/users", String.class);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page.getBody());
        assertThat(token.find()).as("the page carries its form token").isTrue();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, page.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0]);

        ResponseEntity<String> saved = admin.exchange("/admin/users/" + name, HttpMethod.POST, new HttpEntity<>(
                "_csrf=" + token.group(1) + "&roles=MANAGER&enabled=true&email=" + name + "%40example.org", headers),
                String.class);

        assertThat(saved.getStatusCode().value()).as("saved and back on the list, not refused").isIn(200, 302);
        assertThat(accounts.find(name).email()).isEqualTo(name + "@example.org");
        assertThat(admin.getForEntity("/admin/users", String.class).getBody()).contains("value=\"" + name + "@example.org\"");
    }

    /** A digest whose figures are made up, with a group name that must be escaped in HTML. */
    private static Digest digest() {
        Map<String, BigDecimal> buckets = new LinkedHashMap<>();
        Map<String, BigDecimal> changes = new LinkedHashMap<>();
        for (String bucket : Digest.BUCKETS) {
            buckets.put(bucket, bucket.equals("overdue_1_30") ? new BigDecimal("50.00") : BigDecimal.ZERO);
            changes.put(bucket, bucket.equals("overdue_1_30") ? new BigDecimal("50.00") : BigDecimal.ZERO);
        }
        Digest.Picture picture = new Digest.Picture(new BigDecimal("12345.60"), new BigDecimal("12000.00"),
                new BigDecimal("345.60"), new BigDecimal("13000.00"), 3, 4, buckets);
        Digest.Picture change = new Digest.Picture(new BigDecimal("-850.00"), new BigDecimal("-850.00"), BigDecimal.ZERO,
                BigDecimal.ZERO, 1, 0, changes);
        return new Digest(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3),
                LocalDate.of(2026, 3, 2), picture, change,
                List.of(new Digest.GroupLine("business", picture, change), new Digest.GroupLine("business <b>", picture,
                        change)),
                new Digest.Collections(new BigDecimal("900.00"), new BigDecimal("50.00"), new BigDecimal("900.00"),
                        new BigDecimal("50.00"), new BigDecimal("1800.00")),
                new Digest.Cases(3, 1, 2), Map.of("reminder", 2), new Digest.Promises(2, 1),
                List.of(new Digest.ChannelLine("email", 7, 1)), 4, new Digest.Tasks(5, 2));
    }

    /** Russian groups digits with a no-break space. */
    private static String plain(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }
}
