package dev.dunning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.Api;

/**
 * Search boxes and filters fed SQL metacharacters: quotes, comments, a DROP TABLE, LIKE's wildcards {@code %} and
 * {@code _}, its escape {@code \}, typographic quotes, a NUL and text far longer than any name. Each answers what
 * was typed, matched literally, or a 400 that says which parameter and why; nothing else. The customer search page,
 * the cockpit's case search (page and API), the inbox's customer filter and the reports' filters, on H2
 * ({@link HostileSearchTest}) and on PostgreSQL ({@link HostileSearchPostgresTest}), which cannot hold a NUL in text.
 */
abstract class HostileSearchRules {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final Pattern CUSTOMER_LINK = Pattern.compile("href=\"/customers/([^\"?]+)\"");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessClock clock;

    /** This run's customers, so that the searches of a shared database find only ours. */
    String run;
    String percent;
    String percentLookalike;
    String underscore;
    String underscoreLookalike;
    String backslash;
    String dropTable;

    @BeforeEach
    void customersWithMetacharactersInTheirIdsAndNames() {
        run = "SQ" + UUID.randomUUID().toString().substring(0, 6);
        percent = run + "-100%";
        percentLookalike = run + "-100x";
        underscore = run + "-a_b";
        underscoreLookalike = run + "-axb";
        backslash = run + "-back\\slash";
        dropTable = run + "-drop";
        Api admin = Api.as(rest, "admin");
        Map<String, Object> imported = admin.importCsv("customers", """
                customer_id,name,group,building
                "%s","%s Fifty%% Off",individual,"%s Tower 50%%"
                "%s","%s Fiftyx Off",individual,"%s Tower 50x"
                "%s","%s O'Brien",individual,
                "%s","%s D\u2019Artagnan",individual,
                "%s","%s Back\\slash",individual,
                "%s","%s'); DROP TABLE customer; --",individual,
                """.formatted(percent, run, run, percentLookalike, run, run, underscore, run, underscoreLookalike, run,
                backslash, run, dropTable, run));
        assertThat(imported).containsEntry("accepted", 6);
        StringBuilder invoices = new StringBuilder("invoice_id,customer_id,due_on,amount\n");
        for (String customer : List.of(percent, percentLookalike, underscore, underscoreLookalike, backslash, dropTable)) {
            invoices.append('"').append(customer).append("-i\",\"").append(customer).append("\",")
                    .append(clock.today().minusDays(10)).append(",1500.00\n");
        }
        assertThat(admin.importCsv("invoices", invoices.toString())).containsEntry("accepted", 6);
        admin.post("/api/admin/evaluate", Map.of());
    }

    @Test
    void theCustomerSearchMatchesPercentUnderscoreAndBackslashAsThemselves() {
        assertThat(customersFound(percent)).containsExactly(percent);
        assertThat(customersFound(run + " fifty%")).containsExactly(percent);
        assertThat(customersFound(run + "-100_")).isEmpty();
        assertThat(customersFound(underscore)).containsExactly(underscore);
        assertThat(customersFound(run + "-a_")).containsExactly(underscore);
        assertThat(customersFound(run + "-back\\")).containsExactly(backslash);
        assertThat(customersFound(run + " back\\slash")).containsExactly(backslash);
    }

    @Test
    void aLoneWildcardFindsOnlyTheCustomersThatHaveItLiterally() {
        assertThat(customerRows("%")).isNotEmpty().allSatisfy(row -> assertThat(row).contains("%"));
        assertThat(customerRows("_")).allSatisfy(row -> assertThat(row).contains("_"));
        assertThat(customerRows("\\")).isNotEmpty().allSatisfy(row -> assertThat(row).contains("\\"));
    }

    @Test
    void quotesAndSqlInTheCustomerSearchAreTextToFind() {
        assertThat(customersFound("' OR 1=1 --")).isEmpty();
        assertThat(customersFound("' OR '1'='1")).isEmpty();
        assertThat(customersFound("\" OR \"\"=\"")).isEmpty();
        assertThat(customersFound(run + " o'brien")).containsExactly(underscore);
        assertThat(customersFound(run + " d\u2019art")).containsExactly(underscoreLookalike);
        assertThat(customersFound(run + " d'art")).as("a straight quote is not a typographic one").isEmpty();
        assertThat(customersFound("'); DROP TABLE customer; --")).contains(dropTable);

        assertThat(customersFound(run)).as("the table is still there").hasSize(6);
    }

    @Test
    void aSearchLongerThanAnyNameOrWithANulIsRefusedSayingWhy() {
        assertThat(customersFound("x".repeat(300))).isEmpty();

        ResponseEntity<String> tooLong = page("collector", "/customers", Map.of("q", "x".repeat(5000)));
        ResponseEntity<String> nul = page("collector", "/customers", Map.of("q", run + "\u0000"));

        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody()).contains("q: the text is 5000 characters long").contains("at most 300");
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nul.getBody()).contains("q: the text holds the control character U+0000");
        assertThat(page("collector", "/customers", Map.of("q", run, "page", "99999999")).getStatusCode())
                .as("a page far beyond the last").isEqualTo(HttpStatus.OK);
    }

    @Test
    void theCockpitsCaseSearchMatchesLiterallyAndRefusesWhatNoNameCanBe() {
        assertThat(casesFound(percent)).containsExactly(percent);
        assertThat(casesFound(run + "-100_")).isEmpty();
        assertThat(casesFound(run + "-a_")).containsExactly(underscore);
        assertThat(casesFound(run + "-back\\")).containsExactly(backslash);
        assertThat(casesFound(run + " o'brien")).containsExactly(underscore);
        assertThat(casesFound("' OR 1=1 --")).isEmpty();
        assertThat(casesFound("%")).allSatisfy(customer -> assertThat(customer).contains("%"));
        assertThat(casesFound("'); DROP TABLE customer; --")).contains(dropTable);

        ResponseEntity<Map<String, Object>> nul = api("admin", "/api/admin/cockpit/cases", Map.of("q", "\u0000"), OBJECT);
        ResponseEntity<Map<String, Object>> tooLong = api("admin", "/api/admin/cockpit/cases",
                Map.of("q", "'".repeat(301)), OBJECT);
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nul.getBody().get("detail").toString()).contains("q: the text holds the control character U+0000");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody().get("detail").toString()).contains("301 characters long");

        ResponseEntity<String> page = page("admin", "/admin/cockpit/cases", Map.of("q", run + "-100%"));
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(customerLinks(page.getBody())).containsExactly(percent);
        assertThat(page("admin", "/admin/cockpit/cases", Map.of("q", "a\u0000")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theInboxFilterTakesMetacharactersAsTextAndRefusesANul() {
        for (String typed : List.of("' OR 1=1 --", "%", "_", "\\", run + "-100%", "'); DROP TABLE work_item; --")) {
            ResponseEntity<Map<String, Object>> found = api("admin", "/api/tasks/page",
                    Map.of("scope", "ALL", "customer", typed), OBJECT);
            assertThat(found.getStatusCode()).as(typed).isEqualTo(HttpStatus.OK);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tasks = (List<Map<String, Object>>) found.getBody().get("tasks");
            assertThat(tasks).as(typed).allSatisfy(task -> assertThat(task.get("customerId") + " "
                    + task.get("customerName")).containsIgnoringCase(typed));
        }
        ResponseEntity<Map<String, Object>> nul = api("collector", "/api/tasks/page", Map.of("customer", "\u0000"), OBJECT);
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nul.getBody().get("detail").toString()).contains("customer: the text holds the control character");
        ResponseEntity<Map<String, Object>> sort = api("collector", "/api/tasks/page", Map.of("sort", "AMOUNT; DROP TABLE work_item"),
                OBJECT);
        assertThat(sort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<String> page = page("collector", "/inbox", Map.of("customer", "x".repeat(400)));
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getBody()).contains("customer: the text is 400 characters long");
        assertThat(page("collector", "/inbox", Map.of("customer", "' OR 1=1 --", "page", "99999999")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aReportFilterIsAnExactValueSoWildcardsAndSqlMatchNothingElse() {
        assertThat(agingCustomers(run + " Tower 50%")).containsExactly(percent);
        assertThat(agingCustomers(run + " Tower 50_")).isEmpty();
        assertThat(agingCustomers("' OR 1=1 --")).isEmpty();
        assertThat(agingCustomers("%")).isEmpty();

        ResponseEntity<Map<String, Object>> nul = api("manager", "/api/reports/aging", Map.of("building", "\u0000"), OBJECT);
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nul.getBody().get("detail").toString()).contains("building: the text holds the control character");
        ResponseEntity<Map<String, Object>> date = api("manager", "/api/reports/collection-rate",
                Map.of("from", "2026-01-01'; DROP TABLE invoice; --"), OBJECT);
        assertThat(date.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(date.getBody().get("detail").toString()).contains("from:").contains("is not a date");

        ResponseEntity<String> page = page("manager", "/reports/aging", Map.of("building", "\u0000"));
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getBody()).contains("building: the text holds the control character");
        assertThat(page("manager", "/dashboard", Map.of("service", "\u0000")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page("manager", "/reports/aging.csv", Map.of("building", "\u0000")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    /** The customer ids the customer search page links to, in its order. */
    private List<String> customersFound(String typed) {
        ResponseEntity<String> page = page("collector", "/customers", Map.of("q", typed));
        assertThat(page.getStatusCode()).as("searching for %s", typed).isEqualTo(HttpStatus.OK);
        return customerLinks(page.getBody());
    }

    /** The rows of the customer search page as their text (id, name, phone, building). */
    private List<String> customerRows(String typed) {
        ResponseEntity<String> page = page("collector", "/customers", Map.of("q", typed));
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        String body = page.getBody();
        int table = body.indexOf("<tbody>");
        if (table < 0) {
            return List.of();
        }
        return java.util.Arrays.stream(body.substring(table, body.indexOf("</tbody>")).split("<tr>")).skip(1)
                .map(row -> org.springframework.web.util.HtmlUtils.htmlUnescape(row.replaceAll("<[^>]*>", " ")))
                .toList();
    }

    private static List<String> customerLinks(String html) {
        Matcher links = CUSTOMER_LINK.matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (links.find()) {
            found.add(URLDecoder.decode(links.group(1), StandardCharsets.UTF_8));
        }
        return found;
    }

    private List<String> casesFound(String typed) {
        ResponseEntity<List<Map<String, Object>>> found = api("admin", "/api/admin/cockpit/cases", Map.of("q", typed), LIST);
        assertThat(found.getStatusCode()).as("searching cases for %s", typed).isEqualTo(HttpStatus.OK);
        return found.getBody().stream().map(row -> (String) row.get("customerId")).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> agingCustomers(String building) {
        ResponseEntity<Map<String, Object>> report = api("manager", "/api/reports/aging", Map.of("building", building),
                OBJECT);
        assertThat(report.getStatusCode()).as("aging of building %s", building).isEqualTo(HttpStatus.OK);
        return ((List<Map<String, Object>>) report.getBody().get("rows")).stream()
                .map(row -> (String) row.get("customer")).distinct().toList();
    }

    private ResponseEntity<String> page(String user, String path, Map<String, String> params) {
        return rest.withBasicAuth(user, user).exchange(uri(path, params), HttpMethod.GET, null, String.class);
    }

    private <T> ResponseEntity<T> api(String user, String path, Map<String, String> params,
            ParameterizedTypeReference<T> type) {
        return rest.withBasicAuth(user, user).exchange(uri(path, params), HttpMethod.GET, null, type);
    }

    /** The address with each parameter encoded exactly once: what a browser sends for a typed value. */
    private static URI uri(String path, Map<String, String> params) {
        return URI.create(path + "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }
}
