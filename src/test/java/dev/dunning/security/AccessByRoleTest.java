package dev.dunning.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.dunning.support.DunningTest;

/** Debtors' data is for the people who work the debts; the engine's controls are for admins. */
@DunningTest
class AccessByRoleTest {

    @Autowired
    TestRestTemplate rest;

    private HttpStatus status(String user, HttpMethod method, String path) {
        TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, user);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return HttpStatus.valueOf(client.exchange(path, method, new HttpEntity<>(method == HttpMethod.GET ? null : "{}", headers),
                String.class).getStatusCode().value());
    }

    @Test
    void nobodyGetsInWithoutLoggingIn() {
        assertThat(status(null, HttpMethod.GET, "/api/cases")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(status(null, HttpMethod.GET, "/api/customers/C-1")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void analystsSeePlansButNoDebtorData() {
        assertThat(status("analyst", HttpMethod.GET, "/api/plans")).isEqualTo(HttpStatus.OK);
        assertThat(status("analyst", HttpMethod.GET, "/api/cases")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("analyst", HttpMethod.GET, "/api/customers/C-1")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("analyst", HttpMethod.GET, "/api/notifications")).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void onlyAdminsImportRecordPaymentsAndMoveTheClock() {
        for (String user : new String[] {"collector", "lawyer", "manager", "analyst"}) {
            assertThat(status(user, HttpMethod.POST, "/api/imports/invoices")).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(status(user, HttpMethod.POST, "/api/payments")).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(status(user, HttpMethod.POST, "/api/admin/clock")).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(status(user, HttpMethod.POST, "/api/admin/evaluate")).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(status("admin", HttpMethod.GET, "/api/admin/clock")).isEqualTo(HttpStatus.OK);
    }

    @Test
    void collectorsAndLawyersWorkTheirInboxesAndSeeTheCustomersBehindThem() {
        assertThat(status("collector", HttpMethod.GET, "/api/tasks")).isEqualTo(HttpStatus.OK);
        assertThat(status("lawyer", HttpMethod.GET, "/api/tasks")).isEqualTo(HttpStatus.OK);
        assertThat(status("collector", HttpMethod.GET, "/api/cases")).isEqualTo(HttpStatus.OK);
        assertThat(status("manager", HttpMethod.GET, "/api/customers/nobody")).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void errorsAreProblemDetailsThatSayWhatWasWrong() {
        var response = rest.withBasicAuth("manager", "manager").getForEntity("/api/customers/nobody", Map.class);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).containsEntry("detail", "no customer 'nobody'");
    }
}
