package dev.dunning.answers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.answers.AnswerRefusedException.Reason;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Ledger;

/**
 * The page a debtor reaches from a notice's link, without logging in: the signed token is the credential.
 * {@code GET} shows today's debt and the choice; {@code POST} (a form) takes the answer once. A POST with
 * {@code List-Unsubscribe=One-Click} is a mail client's RFC 8058 one-click unsubscribe and gets no page.
 * A changed or foreign link answers 400, an expired one (or one of a case that has ended) 410, a used one 409, each
 * with a page that says so, shows nobody's data, changes nothing and is logged by ids only. Nothing is cached, and a
 * page shows only the debt of the link's customer.
 */
@RestController
@RequestMapping("/answer")
class AnswerController {

    private static final Logger log = LoggerFactory.getLogger(AnswerController.class);

    static final String ONE_CLICK = "One-Click";

    private final AnswerTokens tokens;
    private final DebtorAnswers answers;
    private final AnswerPages pages;
    private final Ledger ledger;
    private final BusinessClock clock;

    AnswerController(AnswerTokens tokens, DebtorAnswers answers, AnswerPages pages, Ledger ledger, BusinessClock clock) {
        this.tokens = tokens;
        this.answers = answers;
        this.pages = pages;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A link that cannot be used, and how to say so. */
    private static final class Refusal extends RuntimeException {

        final HttpStatus status;
        final String locale;
        final String reason;

        Refusal(HttpStatus status, String locale, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.locale = locale;
            this.reason = reason;
        }
    }

    /** A link that can be used, with the customer's page locale. */
    private record Link(AnswerToken token, String tokenId, String locale) {
    }

    @GetMapping("/{token}")
    ResponseEntity<String> show(@PathVariable String token) {
        Link link = usable(token);
        AnswerToken answer = link.token();
        if (!answer.action().answersTheDebt()) {
            return page(HttpStatus.OK, link.locale(), AnswerPages.ANSWER, Map.of("action", answer.action().code(),
                    "channel", answer.channel()));
        }
        AnswerChoices choices = answers.choices(answer.customerId(), answer.caseId());
        if (choices.nothingOwed()) {
            throw new Refusal(HttpStatus.CONFLICT, link.locale(), Reason.NOTHING_OWED.code());
        }
        return page(HttpStatus.OK, link.locale(), AnswerPages.ANSWER, form(answer, choices, null, null, null));
    }

    @PostMapping("/{token}")
    ResponseEntity<String> answer(@PathVariable String token,
            @RequestParam(name = "date", required = false) String date,
            @RequestParam(name = "comment", required = false) String comment,
            @RequestParam(name = "List-Unsubscribe", required = false) String listUnsubscribe) {
        Link link = usable(token);
        AnswerToken answer = link.token();
        boolean oneClick = listUnsubscribe != null;
        if (oneClick && (!ONE_CLICK.equals(listUnsubscribe) || answer.action() != DebtorAction.UNSUBSCRIBE)) {
            throw refuse(HttpStatus.BAD_REQUEST, link.locale(), "invalid", answer, "a one-click unsubscribe on this link");
        }
        LocalDate chosen = null;
        try {
            chosen = date == null || date.isBlank() ? null : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            // Left empty: the answer is refused as a bad date and the form shown again.
        }
        try {
            answers.answer(new DebtorAnswer(answer.noticeId(), answer.customerId(), answer.caseId(), answer.action(),
                    answer.channel(), answer.action().answersTheDebt() && answer.action() != DebtorAction.DISPUTE
                            ? chosen : null,
                    answer.action() == DebtorAction.DISPUTE ? comment : null, oneClick ? "one-click" : "link",
                    link.tokenId()));
        } catch (AnswerRefusedException e) {
            return refused(link, e, date, comment);
        }
        if (oneClick) {
            return ResponseEntity.ok().headers(headers()).build();
        }
        Map<String, Object> model = new HashMap<>();
        model.put("action", answer.action().code());
        model.put("channel", answer.channel());
        if (chosen != null && answer.action() != DebtorAction.DISPUTE) {
            model.put("date", chosen);
        }
        return page(HttpStatus.OK, link.locale(), AnswerPages.DONE, model);
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<String> refusal(Refusal refusal) {
        return page(refusal.status, refusal.locale, AnswerPages.REFUSED, Map.of("reason", refusal.reason));
    }

    private ResponseEntity<String> refused(Link link, AnswerRefusedException e, String date, String comment) {
        AnswerToken answer = link.token();
        return switch (e.reason()) {
            case BAD_DATE, COMMENT_REQUIRED, COMMENT_TOO_LONG -> page(HttpStatus.UNPROCESSABLE_ENTITY, link.locale(),
                    AnswerPages.ANSWER, form(answer, answers.choices(answer.customerId(), answer.caseId()),
                            e.reason().code(), date, comment));
            default -> refusal(refusalOf(e.reason(), link.locale(), answer));
        };
    }

    /**
     * Checks signature, customer, expiry (business time), use and, for answers to the debt, that the notice's case is
     * the customer's and still in work, in that order; the first failure decides the page and is logged by ids only.
     */
    private Link usable(String text) {
        AnswerToken token;
        try {
            token = tokens.read(text);
        } catch (AnswerTokens.InvalidTokenException e) {
            // Nothing in an unsigned link can be believed, and the link itself may be a real one cut short: log only
            // a fingerprint that tells repeated attempts apart.
            log.warn("Answer link refused (invalid): {}; link fingerprint {}", e.getMessage(),
                    AnswerTokens.fingerprint(text));
            throw new Refusal(HttpStatus.BAD_REQUEST, pages.defaultLocale(), "invalid");
        }
        String locale;
        try {
            locale = pages.localeFor(ledger.customer(token.customerId()).orElseThrow().locale());
        } catch (NoSuchElementException e) {
            throw refuse(HttpStatus.BAD_REQUEST, pages.defaultLocale(), "invalid", token, "no such customer");
        }
        if (token.expiredAt(clock.now())) {
            throw refuse(HttpStatus.GONE, locale, "expired", token, "expired at " + token.expiresAt());
        }
        if (answers.answered(token.noticeId(), token.action())) {
            throw refuse(HttpStatus.CONFLICT, locale, Reason.ALREADY_ANSWERED.code(), token, "used before");
        }
        if (token.action().answersTheDebt()) {
            try {
                answers.requireCaseInWork(token.customerId(), token.caseId());
            } catch (AnswerRefusedException e) {
                throw refusalOf(e.reason(), locale, token);
            }
        }
        return new Link(token, AnswerTokens.idOf(text), locale);
    }

    /** The page for a refused answer that changes nothing: status and reason by why. */
    private static Refusal refusalOf(Reason reason, String locale, AnswerToken token) {
        return switch (reason) {
            case ALREADY_ANSWERED -> refuse(HttpStatus.CONFLICT, locale, reason.code(), token, "used before");
            case NOTHING_OWED -> refuse(HttpStatus.CONFLICT, locale, reason.code(), token, "nothing owed");
            case CASE_ENDED -> refuse(HttpStatus.GONE, locale, "expired", token, "the case has ended");
            case NO_CASE, FOREIGN_CASE -> refuse(HttpStatus.BAD_REQUEST, locale, "invalid", token,
                    "the case is not the customer's");
            case BAD_DATE, COMMENT_REQUIRED, COMMENT_TOO_LONG ->
                    throw new IllegalArgumentException("not a refusal of the link: " + reason);
        };
    }

    /**
     * A refused link, logged by its ids (never the link, which is the debtor's credential, nor anything the debtor
     * wrote); a forged or foreign one as a warning.
     */
    private static Refusal refuse(HttpStatus status, String locale, String reason, AnswerToken token, String why) {
        String line = "Answer link refused ({}): {} link of notice {}, customer {}, case {}, channel {}: {}";
        Object[] ids = {reason, token.action().code(), token.noticeId(), token.customerId(), token.caseId(),
                token.channel(), why};
        if (status == HttpStatus.BAD_REQUEST) {
            log.warn(line, ids);
        } else {
            log.info(line, ids);
        }
        return new Refusal(status, locale, reason);
    }

    private static Map<String, Object> form(AnswerToken token, AnswerChoices choices, String error, String date,
            String comment) {
        Map<String, Object> model = new HashMap<>();
        model.put("action", token.action().code());
        model.put("channel", token.channel());
        model.put("conditionalDebt", choices.conditionalDebt());
        if (choices.oldestDueOn() != null) {
            model.put("oldestDueOn", choices.oldestDueOn());
        }
        boolean confirm = token.action() == DebtorAction.CONFIRM;
        LocalDate min = confirm ? choices.today() : choices.postponeEarliest();
        LocalDate max = confirm ? choices.payByLatest() : choices.postponeLatest();
        LocalDate value = confirm ? choices.payByDefault() : choices.postponeLatest();
        model.put("dateMin", min.toString());
        model.put("dateMax", max.toString());
        model.put("dateValue", date != null && !date.isBlank() && error == null ? date : value.toString());
        model.put("dateMinText", min);
        model.put("dateMaxText", max);
        model.put("commentMax", DebtorAnswers.MAX_COMMENT_LENGTH);
        if (comment != null) {
            model.put("comment", comment.length() > DebtorAnswers.MAX_COMMENT_LENGTH * 2
                    ? comment.substring(0, DebtorAnswers.MAX_COMMENT_LENGTH * 2) : comment);
        }
        if (error != null) {
            model.put("error", error);
        }
        return model;
    }

    private ResponseEntity<String> page(HttpStatus status, String locale, String page, Map<String, Object> model) {
        return ResponseEntity.status(status).headers(headers())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(pages.render(locale, page, model));
    }

    /** The page holds a debt and the link is a credential: keep both out of caches, referrers and frames. */
    private static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setCacheControl(CacheControl.noStore());
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Robots-Tag", "noindex, nofollow");
        headers.set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        return headers;
    }
}
