package dev.dunning.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.contact.OptOutRequested;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.Freezes;
import dev.dunning.notify.NoticeLinks;
import dev.dunning.support.Api;
import dev.dunning.support.Debtors;
import dev.dunning.support.Debtors.Debtor;
import dev.dunning.support.DunningTest;
import dev.dunning.support.PublishedEvents;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/** The answer page as a debtor's browser and a mail client's one-click reach it: no login, no session. */
@DunningTest
class AnswerPageTest {

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
    @Autowired
    BusinessTime time;
    @Autowired
    org.springframework.context.ApplicationContext context;

    PublishedEvents events;

    Api admin;
    String noticeId;

    @BeforeEach
    void aNotice() {
        admin = Api.as(browser, "admin");
        noticeId = UUID.randomUUID().toString();
        events = PublishedEvents.recordIn(context);
    }

    @AfterEach
    void stopRecording() {
        events.close();
    }

    private Debtor debtor(String locale, String amount) {
        return Debtors.withOpenCase(admin, "AP", locale == null ? Map.of() : Map.of("locale", locale), amount,
                clock.today());
    }

    private Map<String, String> links(Debtor debtor) {
        return noticeLinks.linksFor(noticeId, debtor.customerId(), debtor.caseId(), "email");
    }

    /** The links name dunning.public-url; the test server listens on a port of its own. */
    private static String path(String link) {
        return java.net.URI.create(link).getRawPath();
    }

    private ResponseEntity<String> get(String link) {
        return browser.exchange(path(link), HttpMethod.GET, null, String.class);
    }

    private ResponseEntity<String> post(String link, Map<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return browser.exchange(path(link), HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private static String english(LocalDate date) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ENGLISH).format(date);
    }

    private List<Freeze> freezesOf(Debtor debtor) {
        return freezes.active(debtor.customerId());
    }

    private List<TimelineEvent> timelineOf(Debtor debtor, String kind) {
        return timeline.of(debtor.customerId()).stream().filter(event -> kind.equals(event.kind())).toList();
    }

    @Test
    void theConfirmPageShowsTodaysDebtAndOffersToPayWithinAWeekWithoutCachingOrNamingTheDebtor() {
        Debtor debtor = debtor("en", "1500.00");

        ResponseEntity<String> page = get(links(debtor).get("confirm"));

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getHeaders().getCacheControl()).contains("no-store");
        assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getBody())
                .contains("<html lang=\"en\">", "Confirm your payment date", "1,500.00 RUB",
                        english(clock.today().minusDays(10)),
                        "name=\"date\" min=\"" + clock.today() + "\" max=\"" + clock.today().plusDays(14)
                                + "\" value=\"" + clock.today().plusDays(7) + "\"")
                .doesNotContain("Anna Debtor", "@example.org", debtor.customerId());
    }

    @Test
    void aRussianCustomerReadsThePageInRussianAndOneWithoutALanguageGetsTheDefaultOne() {
        Debtor russian = debtor("ru", "1500.00");
        Debtor unknown = debtor(null, "1500.00");

        assertThat(get(links(russian).get("postpone")).getBody())
                .contains("<html lang=\"ru\">", "Попросить отсрочку", "Мне нужно время до");
        assertThat(get(links(unknown).get("dispute")).getBody())
                .as("dunning.notify.default-locale is ru").contains("<html lang=\"ru\">", "Оспорить задолженность");
    }

    @Test
    void confirmingFreezesTheDebtAsAPromiseUntilTheDateAndSuspendsTheCase() {
        Debtor debtor = debtor("en", "1500.00");
        LocalDate payBy = clock.today().plusDays(5);

        ResponseEntity<String> done = post(links(debtor).get("confirm"), Map.of("date", payBy.toString()));

        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(done.getHeaders().getCacheControl()).contains("no-store");
        assertThat(done.getBody()).contains("Thank you", "We have noted that you will pay by " + english(payBy));
        assertThat(freezesOf(debtor)).singleElement().satisfies(freeze -> {
            assertThat(freeze.kind()).isEqualTo("promise");
            assertThat(freeze.amount()).isEqualByComparingTo("1500.00");
            assertThat(freeze.until()).isEqualTo(payBy);
            assertThat(freeze.createdBy()).isEqualTo(DebtorAnswers.ACTOR);
        });
        assertThat(Debtors.currentCase(admin, debtor.customerId())).containsEntry("status", "suspended");
        assertThat(timelineOf(debtor, "debtor-answered")).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("debtor");
            assertThat(event.caseId()).isEqualTo(debtor.caseId());
            assertThat(event.summary()).contains("promised to pay by " + payBy, noticeId);
        });
        assertThat(events.of(DebtorAnswered.class)).contains(
                new DebtorAnswered(debtor.customerId(), debtor.caseId(), noticeId, "confirm", payBy, null));
    }

    @Test
    void aLinkOnceUsedAndTheNoticesOtherAnswerLinksAreRefusedWithAConflictAndChangeNothing() {
        Debtor debtor = debtor("en", "1500.00");
        Map<String, String> links = links(debtor);
        post(links.get("confirm"), Map.of("date", clock.today().plusDays(3).toString()));

        ResponseEntity<String> again = post(links.get("confirm"), Map.of("date", clock.today().plusDays(9).toString()));
        ResponseEntity<String> dispute = post(links.get("dispute"), Map.of("comment", "I never ordered this"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("You have already answered");
        assertThat(again.getHeaders().getCacheControl()).contains("no-store");
        assertThat(dispute.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(get(links.get("postpone")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(freezesOf(debtor)).singleElement().extracting(Freeze::until).isEqualTo(clock.today().plusDays(3));
        assertThat(timelineOf(debtor, "debtor-answered")).hasSize(1);
    }

    @Test
    void aDateBeyondThePlansLimitIsRefusedAndTheFormShownAgainWithTheAllowedDates() {
        Debtor debtor = debtor("en", "1500.00");

        ResponseEntity<String> refused = post(links(debtor).get("confirm"),
                Map.of("date", clock.today().plusDays(15).toString()));
        ResponseEntity<String> garbled = post(links(debtor).get("confirm"), Map.of("date", "next friday"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody()).contains("Please choose a date from " + english(clock.today()) + " to "
                + english(clock.today().plusDays(14)), "name=\"date\"");
        assertThat(garbled.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(freezesOf(debtor)).isEmpty();
        assertThat(get(links(debtor).get("confirm")).getStatusCode()).as("the link still works").isEqualTo(HttpStatus.OK);
    }

    @Test
    void postponingFreezesTheDebtAndPutsAReviewInTheManagersInbox() {
        Debtor debtor = debtor("en", "2000.00");
        LocalDate until = clock.today().plusDays(25);

        ResponseEntity<String> done = post(links(debtor).get("postpone"), Map.of("date", until.toString()));

        assertThat(done.getBody()).contains("A manager will review your request");
        assertThat(freezesOf(debtor)).singleElement().satisfies(freeze -> {
            assertThat(freeze.kind()).isEqualTo("promise");
            assertThat(freeze.until()).isEqualTo(until);
        });
        Map<String, Object> review = reviewTaskOf(Api.as(browser, "manager"), debtor);
        assertThat(review).containsEntry("name", "Review a postponement").containsEntry("caseId", debtor.caseId());
        assertThat(reviewTaskOf(Api.as(browser, "collector"), debtor)).as("collectors do not review").isNull();
        assertThat(timelineOf(debtor, "review-requested")).singleElement()
                .satisfies(event -> assertThat(event.summary()).contains((String) review.get("id")));
    }

    @Test
    void aManagerCompletesThePostponementReviewAndTheTimelineSaysWho() {
        Debtor debtor = debtor("en", "2000.00");
        post(links(debtor).get("postpone"), Map.of("date", clock.today().plusDays(20).toString()));
        Api manager = Api.as(browser, "manager");
        String task = (String) reviewTaskOf(manager, debtor).get("id");

        manager.post("/api/tasks/" + task + "/complete", Map.of());

        assertThat(reviewTaskOf(manager, debtor)).isNull();
        assertThat(timelineOf(debtor, "task-completed")).singleElement()
                .satisfies(event -> assertThat(event.actor()).isEqualTo("manager"));
    }

    private Map<String, Object> reviewTaskOf(Api who, Debtor debtor) {
        return who.list("/api/tasks?limit=500").stream()
                .filter(task -> debtor.customerId().equals(task.get("customerId"))
                        && DebtorAnswers.REVIEW_TASK.equals(task.get("activityId")))
                .findFirst().orElse(null);
    }

    @Test
    void aDisputeNeedsACommentAndFreezesTheDebtWithItAsTheReason() {
        Debtor debtor = debtor("en", "1200.00");
        String link = links(debtor).get("dispute");

        ResponseEntity<String> empty = post(link, Map.of("comment", "   "));
        ResponseEntity<String> tooLong = post(link, Map.of("comment", "<b>" + "x".repeat(1001)));
        ResponseEntity<String> done = post(link, Map.of("comment", "The January invoice was paid in cash."));

        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(empty.getBody()).contains("Please tell us why you disagree");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(tooLong.getBody()).contains("within 1000 characters", "&lt;b&gt;xxx").doesNotContain("<b>x");
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(freezesOf(debtor)).singleElement().satisfies(freeze -> {
            assertThat(freeze.kind()).isEqualTo("dispute");
            assertThat(freeze.amount()).isEqualByComparingTo(new BigDecimal("1200.00"));
            assertThat(freeze.reason()).isEqualTo("The January invoice was paid in cash.");
        });
        assertThat(Debtors.currentCase(admin, debtor.customerId())).containsEntry("status", "suspended");
    }

    @Test
    void aTamperedLinkGetsAPageInTheDefaultLocaleAndChangesNothing() {
        Debtor debtor = debtor("en", "1500.00");
        String link = links(debtor).get("confirm");
        int at = link.lastIndexOf('/') + 10;
        String tampered = link.substring(0, at) + (link.charAt(at) == 'A' ? 'B' : 'A') + link.substring(at + 1);

        ResponseEntity<String> page = get(tampered);
        ResponseEntity<String> posted = post(tampered, Map.of("date", clock.today().plusDays(3).toString()));

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getBody()).contains("<html lang=\"ru\">", "Ссылка не работает");
        assertThat(page.getHeaders().getCacheControl()).contains("no-store");
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("/answer/not-a-token").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(freezesOf(debtor)).isEmpty();
    }

    @Test
    void anExpiredLinkGetsA410PageInTheCustomersLanguageAndChangesNothing() {
        Debtor debtor = debtor("en", "1500.00");
        String expired = "/answer/" + tokens.sign(new AnswerToken(noticeId, debtor.customerId(), debtor.caseId(),
                DebtorAction.CONFIRM, "email", clock.now().minusSeconds(1)));

        ResponseEntity<String> page = get(expired);
        ResponseEntity<String> posted = post(expired, Map.of("date", clock.today().plusDays(3).toString()));

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(page.getBody()).contains("<html lang=\"en\">", "This link has expired");
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(freezesOf(debtor)).isEmpty();
    }

    @Test
    void aLinkWorksForThirtyDaysOfBusinessTimeAndThenExpires() {
        Debtor debtor = debtor("ru", "1500.00");
        String link = links(debtor).get("dispute");

        time.advance(Duration.ofDays(30));
        assertThat(get(link).getStatusCode()).isEqualTo(HttpStatus.OK);

        time.advance(Duration.ofMinutes(1));
        ResponseEntity<String> page = get(link);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(page.getBody()).contains("Срок действия ссылки истёк");
    }

    @Test
    void unsubscribingAsksFirstThenPublishesTheOptOutOnce() {
        Debtor debtor = debtor("en", "1500.00");
        String link = links(debtor).get("unsubscribe");

        ResponseEntity<String> question = get(link);
        assertThat(question.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(question.getBody()).contains("Stop sending me notices by email", "Unsubscribe");
        assertThat(events.of(OptOutRequested.class)).as("a GET (a link scanner) changes nothing").isEmpty();

        ResponseEntity<String> done = post(link, Map.of());
        assertThat(done.getBody()).contains("You will receive nothing more from us by email");
        assertThat(events.of(OptOutRequested.class))
                .containsExactly(new OptOutRequested(debtor.customerId(), "email", "link"));
        assertThat(timelineOf(debtor, "opt-out-requested")).singleElement()
                .satisfies(event -> assertThat(event.actor()).isEqualTo("debtor"));

        assertThat(post(link, Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(freezesOf(debtor)).as("an unsubscribe freezes nothing").isEmpty();
    }

    @Test
    void aMailClientsOneClickUnsubscribeWorksWithoutAPage() {
        Debtor debtor = debtor("en", "1500.00");
        Map<String, String> links = links(debtor);

        ResponseEntity<String> oneClick = post(links.get("unsubscribe"), Map.of("List-Unsubscribe", "One-Click"));
        ResponseEntity<String> onAConfirmLink = post(links.get("confirm"), Map.of("List-Unsubscribe", "One-Click"));

        assertThat(oneClick.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(oneClick.getBody()).isNull();
        assertThat(events.of(OptOutRequested.class))
                .containsExactly(new OptOutRequested(debtor.customerId(), "email", "one-click"));
        assertThat(onAConfirmLink.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(freezesOf(debtor)).isEmpty();
    }

    @Test
    void aNoticeOutsideACaseCarriesOnlyAnUnsubscribeLink() {
        Debtor debtor = debtor("en", "1500.00");

        assertThat(noticeLinks.linksFor(noticeId, debtor.customerId(), null, "sms")).containsOnlyKeys("unsubscribe")
                .allSatisfy((name, link) -> assertThat(link).startsWith("http://localhost:8080/answer/"));
    }

    @Test
    void aLetterOrTheLogCarriesNoUnsubscribeLinkSinceNobodySubscribesToThem() {
        Debtor debtor = debtor("en", "1500.00");

        assertThat(noticeLinks.linksFor(noticeId, debtor.customerId(), debtor.caseId(), "letter"))
                .containsOnlyKeys("confirm", "postpone", "dispute");
        assertThat(noticeLinks.linksFor(noticeId, debtor.customerId(), null, "log")).isEmpty();
    }

    @Test
    void aDebtorWhoOwesNothingIsToldSo() {
        Debtor debtor = debtor("en", "1500.00");
        Debtors.pay(admin, debtor.customerId(), "1500.00", clock.today());

        ResponseEntity<String> page = get(links(debtor).get("confirm"));

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(page.getBody()).contains("Nothing to answer");
    }
}
