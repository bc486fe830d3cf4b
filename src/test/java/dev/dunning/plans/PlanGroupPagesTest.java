package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.dunning.support.DunningTest;

/** The groups page: analysts edit groups with an error beside each wrong field, managers read, collectors are kept out. */
@DunningTest
class PlanGroupPagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    PlanGroups groups;

    private final String group = "page-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAnalystEditsAGroupAndAWrongShareIsShownBesideItsField() {
        groups.save(group, new PlanGroupEdit("individual-standard", null, null, null, null, List.of("business-standard")),
                "analyst");
        Session analyst = session("analyst");

        ResponseEntity<String> refused = analyst.post("/plans/groups/" + group, form(
                "masterPlan", "individual-standard", "allowedPlans", "business-standard",
                "challengerPlan", "business-standard", "challengerPercent", "150"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody()).contains("data-field=\"challengerPercent\"")
                .contains("the challenger&#39;s share is a whole percentage from 1 to 99");
        assertThat(groups.get(group).hasSplit()).isFalse();

        ResponseEntity<String> saved = analyst.post("/plans/groups/" + group, form(
                "masterPlan", "individual-standard", "allowedPlans", "business-standard",
                "challengerPlan", "business-standard", "challengerPercent", "25"));

        assertThat(saved.getStatusCode().is2xxSuccessful() || saved.getStatusCode().is3xxRedirection())
                .as("saved, then back to the page").isTrue();
        assertThat(groups.get(group).challengerPercent()).isEqualTo(25);
        assertThat(groups.get(group).changedBy()).isEqualTo("analyst");
    }

    @Test
    void aManagerReadsTheGroupsWithoutFormsAndACollectorIsRefused() {
        groups.save(group, new PlanGroupEdit("public-standard", null, null, null, null, List.of()), "analyst");

        ResponseEntity<String> manager = rest.withBasicAuth("manager", "manager").getForEntity("/plans/groups", String.class);
        assertThat(manager.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(manager.getBody()).contains("id=\"group-" + group + "\"").contains("public-standard")
                .doesNotContain("action=\"/plans/groups/" + group + "\"");

        assertThat(rest.withBasicAuth("collector", "collector").getForEntity("/plans/groups", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static MultiValueMap<String, String> form(String... pairs) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private Session session(String user) {
        TestRestTemplate as = rest.withBasicAuth(user, user);
        ResponseEntity<String> page = as.getForEntity("/plans/groups", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        Matcher token = CSRF.matcher(page.getBody());
        assertThat(token.find()).as("the page carries a CSRF token").isTrue();
        List<String> cookies = page.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
        return new Session(as, token.group(1), cookies.stream().map(c -> c.split(";", 2)[0]).toList());
    }

    private record Session(TestRestTemplate rest, String csrf, List<String> cookies) {

        ResponseEntity<String> post(String path, MultiValueMap<String, String> form) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
            cookies.forEach(cookie -> headers.add(HttpHeaders.COOKIE, cookie));
            form.add("_csrf", csrf);
            return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        }
    }
}
