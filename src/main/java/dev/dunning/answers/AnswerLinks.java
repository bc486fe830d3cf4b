package dev.dunning.answers;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.notify.NoticeLinks;

/**
 * The signed links a notice carries: {@code <dunning.public-url>/answer/<token>}, valid for
 * {@code dunning.answers.link-validity} of business time from when the notice is made.
 */
@Component
class AnswerLinks implements NoticeLinks {

    private final AnswerTokens tokens;
    private final BusinessClock clock;
    private final AnswersProperties properties;
    private final String base;

    AnswerLinks(AnswerTokens tokens, BusinessClock clock, AnswersProperties properties,
            @Value("${dunning.public-url:http://localhost:8080}") String publicUrl) {
        this.tokens = tokens;
        this.clock = clock;
        this.properties = properties;
        this.base = checked(publicUrl);
    }

    /** A paper letter (a legal claim among them) and the log are no subscriptions a debtor could leave. */
    private static final java.util.Set<String> WITHOUT_UNSUBSCRIBE = java.util.Set.of("letter", "log");

    @Override
    public Map<String, String> linksFor(String noticeId, String customerId, String caseId, String channel) {
        Instant expiresAt = clock.now().plus(properties.linkValidity()).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> links = new LinkedHashMap<>();
        if (caseId != null) {
            for (DebtorAction action : new DebtorAction[] {DebtorAction.CONFIRM, DebtorAction.POSTPONE, DebtorAction.DISPUTE}) {
                links.put(action.code(), link(new AnswerToken(noticeId, customerId, caseId, action, channel, expiresAt)));
            }
        }
        if (channel != null && !WITHOUT_UNSUBSCRIBE.contains(channel)) {
            links.put(DebtorAction.UNSUBSCRIBE.code(),
                    link(new AnswerToken(noticeId, customerId, caseId, DebtorAction.UNSUBSCRIBE, channel, expiresAt)));
        }
        return links;
    }

    private String link(AnswerToken token) {
        return base + "/answer/" + tokens.sign(token);
    }

    private static String checked(String publicUrl) {
        String url = publicUrl == null ? "" : publicUrl.strip();
        try {
            URI uri = new URI(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(url, "not an http(s) address without query");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("dunning.public-url must be the address debtors reach Dunning at, such"
                    + " as https://pay.example.com, not '" + publicUrl + "'", e);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
