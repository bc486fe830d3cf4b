package dev.dunning.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Freezes;
import dev.dunning.notify.NoticeLinks;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.Debtors.Debtor;
import dev.dunning.support.DunningTest;
import dev.dunning.timeline.Timeline;

/**
 * Answer links that were changed, signed with another key, made for another customer's case, expired, left over from
 * a case that has ended, or used before: each gets a page that says only that the link does not work, shows nobody's
 * name, address or debt, changes nothing, and is logged by ids (or, unsigned, by a fingerprint), never by the link.
 */
@DunningTest
@ExtendWith(OutputCaptureExtension.class)
class ForgedAnswerLinksTest {

    private static final String NAME = "Anna Forged-Links";

    @Autowired
    TestRestTemplate browser;
    @Autowired
    NoticeLinks noticeLinks;
    @Autowired
    AnswerTokens tokens;
    @Autowired
    Freezes freezes;
    @Autowired
    Timeline timeline;
    @Autowired
    BusinessClock clock;

    Api admin;

    @BeforeEach
    void admin() {
        admin = Api.as(browser, "admin");
    }

    private Debtor debtor() {
        return Debtors.withOpenCase(admin, "FL", Map.of("name", NAME, "locale", "en", "address", "Sadovaya 5"),
                "1500.00", clock.today());
    }

    private Map<String, String> links(String noticeId, Debtor debtor) {
        return noticeLinks.linksFor(noticeId, debtor.customerId(), debtor.caseId(), "email");
    }

    private static String path(String link) {
        return link.startsWith("http") ? URI.create(link).getRawPath() : link;
    }

    private ResponseEntity<String> get(String link) {
        return browser.exchange(path(link), HttpMethod.GET, null, String.class);
    }

    private ResponseEntity<String> post(String link, String date) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("date", date);
        form.add("comment", "I never ordered this");
        return browser.exchange(path(link), HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    /** The page says no more than that the link does not work: nobody's name, id, e-mail, address or debt. */
    private static void showsNobodysData(ResponseEntity<String> page, Debtor... debtors) {
        assertThat(page.getHeaders().getCacheControl()).contains("no-store");
        assertThat(page.getBody()).doesNotContain(NAME, "@example.org", "Sadovaya", "1,500.00", "1 500,00", "1500.00",
                "<form");
        for (Debtor debtor : debtors) {
            assertThat(page.getBody()).doesNotContain(debtor.customerId(), debtor.caseId());
        }
    }

    private static List<String> refusalsLogged(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains("Answer link refused")).toList();
    }

    private void changedNothing(Debtor debtor) {
        assertThat(freezes.active(debtor.customerId())).isEmpty();
        assertThat(timeline.of(debtor.customerId())).noneMatch(event -> event.kind().equals("debtor-answered"));
    }

    @Test
    void aChangedCutOrForeignKeyedLinkIsInvalidAndLoggedOnlyByAFingerprint(CapturedOutput output) {
        Debtor debtor = debtor();
        String link = path(links(UUID.randomUUID().toString(), debtor).get("confirm"));
        int at = link.lastIndexOf('/') + 20;
        String changed = link.substring(0, at) + (link.charAt(at) == 'A' ? 'B' : 'A') + link.substring(at + 1);
        String cut = link.substring(0, link.length() - 6);
        String foreignKey = "/answer/" + new AnswerTokens("a key that is not the server's".getBytes(StandardCharsets.UTF_8))
                .sign(new AnswerToken(UUID.randomUUID().toString(), debtor.customerId(), debtor.caseId(),
                        DebtorAction.CONFIRM, "email", clock.now().plusSeconds(3600)));

        for (String forged : List.of(changed, cut, foreignKey, "/answer/' OR 1=1 --", "/answer/" + "A".repeat(900))) {
            ResponseEntity<String> page = get(forged);
            ResponseEntity<String> posted = post(forged, clock.today().plusDays(3).toString());

            assertThat(page.getStatusCode()).as(forged).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(page.getBody()).contains("Ссылка не работает");
            showsNobodysData(page, debtor);
            assertThat(posted.getStatusCode()).as(forged).isEqualTo(HttpStatus.BAD_REQUEST);
            showsNobodysData(posted, debtor);
        }
        changedNothing(debtor);
        List<String> logged = refusalsLogged(output);
        assertThat(logged).hasSizeGreaterThanOrEqualTo(6).allSatisfy(line -> assertThat(line)
                .contains("Answer link refused (invalid)", "link fingerprint")
                .doesNotContain(changed.substring(8), cut.substring(8), foreignKey.substring(8), debtor.customerId(), NAME));
        assertThat(logged).anySatisfy(line -> assertThat(line).contains(AnswerTokens.fingerprint(changed.substring(8))));
    }

    @Test
    void aLinkNamingAnotherCustomersCaseChangesNeitherCaseAndIsLoggedAsAForgery(CapturedOutput output) {
        Debtor mine = debtor();
        Debtor theirs = debtor();
        String noticeId = UUID.randomUUID().toString();
        String crossed = "/answer/" + tokens.sign(new AnswerToken(noticeId, mine.customerId(), theirs.caseId(),
                DebtorAction.CONFIRM, "email", clock.now().plusSeconds(3600)));

        ResponseEntity<String> page = get(crossed);
        ResponseEntity<String> posted = post(crossed, clock.today().plusDays(3).toString());

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getBody()).contains("This link does not work");
        showsNobodysData(page, theirs);
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        showsNobodysData(posted, theirs);
        changedNothing(mine);
        changedNothing(theirs);
        assertThat(Debtors.currentCase(admin, theirs.customerId())).containsEntry("status", "open");
        assertThat(refusalsLogged(output)).isNotEmpty().allSatisfy(line -> assertThat(line)
                .contains("WARN", "Answer link refused (invalid)", "notice " + noticeId, "customer " + mine.customerId(),
                        "case " + theirs.caseId(), "the case is not the customer's")
                .doesNotContain(crossed.substring(8), NAME, "@example.org"));
    }

    @Test
    void aLinkLeftOverFromACaseThatHasEndedCannotFreezeTheNextCasesDebt(CapturedOutput output) {
        Debtor debtor = debtor();
        String noticeId = UUID.randomUUID().toString();
        Map<String, String> oldLinks = links(noticeId, debtor);
        Debtors.pay(admin, debtor.customerId(), "1500.00", clock.today());
        Debtors.owe(admin, debtor.customerId(), "900.00", clock.today().minusDays(10));
        admin.post("/api/admin/evaluate", Map.of());
        Map<String, Object> next = Debtors.currentCase(admin, debtor.customerId());
        assertThat(next).containsEntry("status", "open");
        assertThat(next.get("id")).isNotEqualTo(debtor.caseId());

        ResponseEntity<String> page = get(oldLinks.get("confirm"));
        ResponseEntity<String> posted = post(oldLinks.get("postpone"), clock.today().plusDays(5).toString());

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(page.getBody()).contains("This link has expired");
        showsNobodysData(page, debtor);
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.GONE);
        changedNothing(debtor);
        assertThat(get(oldLinks.get("unsubscribe")).getStatusCode()).as("an opt-out outlives the case")
                .isEqualTo(HttpStatus.OK);
        assertThat(refusalsLogged(output)).isNotEmpty().allSatisfy(line -> assertThat(line)
                .contains("Answer link refused (expired)", "notice " + noticeId, "case " + debtor.caseId(),
                        "the case has ended")
                .doesNotContain(NAME));
    }

    @Test
    void anExpiredLinkAndAReplayedOneAreRefusedAndLoggedByTheirIds(CapturedOutput output) {
        Debtor debtor = debtor();
        String expiredNotice = UUID.randomUUID().toString();
        String expired = "/answer/" + tokens.sign(new AnswerToken(expiredNotice, debtor.customerId(), debtor.caseId(),
                DebtorAction.CONFIRM, "email", clock.now().minusSeconds(1)));
        String usedNotice = UUID.randomUUID().toString();
        String used = links(usedNotice, debtor).get("confirm");
        assertThat(post(used, clock.today().plusDays(3).toString()).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> late = post(expired, clock.today().plusDays(3).toString());
        ResponseEntity<String> replayed = post(used, clock.today().plusDays(9).toString());

        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.GONE);
        showsNobodysData(late, debtor);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(replayed.getBody()).contains("You have already answered");
        showsNobodysData(replayed, debtor);
        assertThat(freezes.active(debtor.customerId())).singleElement()
                .satisfies(freeze -> assertThat(freeze.until()).isEqualTo(clock.today().plusDays(3)));
        List<String> logged = refusalsLogged(output);
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("(expired)", "notice " + expiredNotice));
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("(already-answered)", "notice " + usedNotice,
                "used before"));
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(expired.substring(8), path(used).substring(8),
                NAME, "@example.org"));
    }
}
