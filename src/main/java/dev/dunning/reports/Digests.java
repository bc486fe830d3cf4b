package dev.dunning.reports;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;

import dev.dunning.clock.BusinessClock;
import dev.dunning.security.Roles;
import dev.dunning.security.UserAccounts;
import dev.dunning.timeline.Timeline;

/**
 * The managers' daily digest: the day's debt picture and what changed since the evaluation before, money collected,
 * cases, promises, notices and open work, as totals only. Mailed to every enabled manager who has an email and to
 * {@code dunning.digest.extra-recipients}; each digest sent is on the timeline.
 */
@Service
public class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    /** What a sending did: how many got it, how many managers have no email, or why nothing was sent. */
    public record Sending(LocalDate day, int sent, int failed, int managersWithoutEmail, String skipped) {
    }

    private final DigestFigures figures;
    private final DigestTemplates templates;
    private final DigestMail mail;
    private final DigestProperties properties;
    private final UserAccounts accounts;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final String dashboardUrl;

    Digests(DigestFigures figures, DigestTemplates templates, DigestMail mail, DigestProperties properties,
            UserAccounts accounts, Timeline timeline, BusinessClock clock,
            @Value("${dunning.public-url:http://localhost:8080}") String publicUrl) {
        this.figures = figures;
        this.templates = templates;
        this.mail = mail;
        this.properties = properties;
        this.accounts = accounts;
        this.timeline = timeline;
        this.clock = clock;
        this.dashboardUrl = publicUrl.strip().replaceAll("/+$", "") + "/dashboard";
    }

    /** The figures of today's digest. */
    Digest today() {
        return figures.of(clock.today(), PictureFilter.ALL);
    }

    /** Today's digest as managers get it by mail. */
    DigestTemplates.Rendered renderToday() {
        return templates.render(today(), properties.locale(), dashboardUrl);
    }

    /**
     * The scheduled sending: with no mail server or sender it warns once and skips; with nobody to send to it says so
     * and skips.
     */
    Sending sendScheduled() {
        if (mail.notConfigured() != null) {
            mail.warnNotConfiguredOnce();
            return new Sending(clock.today(), 0, 0, 0, mail.notConfigured());
        }
        return send(Timeline.SYSTEM);
    }

    /** An admin's sending now (to try a template); refuses with the reason when it cannot send to anyone. */
    public Sending sendNow(String admin) {
        String notConfigured = mail.notConfigured();
        if (notConfigured != null) {
            throw new IllegalStateException("the digest cannot be mailed: " + notConfigured);
        }
        Sending sending = send(admin);
        if (sending.skipped() != null) {
            throw new IllegalStateException("the digest was not sent: " + sending.skipped());
        }
        return sending;
    }

    private Sending send(String actor) {
        LocalDate day = clock.today();
        List<UserAccounts.Account> managers = accounts.withRole(Roles.MANAGER);
        Map<String, String> recipients = new LinkedHashMap<>();
        int withoutEmail = 0;
        for (UserAccounts.Account manager : managers) {
            if (manager.email() == null || manager.email().isBlank()) {
                withoutEmail++;
            } else {
                recipients.putIfAbsent(manager.email().strip().toLowerCase(Locale.ROOT), manager.email().strip());
            }
        }
        properties.extraRecipients().forEach(extra -> recipients.putIfAbsent(extra.toLowerCase(Locale.ROOT), extra));
        if (recipients.isEmpty()) {
            log.info("Digest of {} not sent: no recipients ({} managers, none with an email; no extra recipients)",
                    day, managers.size());
            return new Sending(day, 0, 0, withoutEmail, "no recipients: no manager has an email and "
                    + "dunning.digest.extra-recipients is empty");
        }
        DigestTemplates.Rendered rendered = templates.render(figures.of(day, PictureFilter.ALL), properties.locale(),
                dashboardUrl);
        int sent = 0;
        int failed = 0;
        for (String recipient : recipients.values()) {
            try {
                mail.send(recipient, rendered);
                sent++;
            } catch (MailException | IllegalArgumentException e) {
                failed++;
                // The address is personal data: only the kind of failure goes to the log.
                log.warn("Digest of {} could not be sent to recipient {} of {}: {}", day, sent + failed,
                        recipients.size(), e.getClass().getSimpleName());
            }
        }
        timeline.record(null, null, "digest-sent", actor, "digest of " + day + " sent to " + sent + " recipients"
                + (failed > 0 ? ", " + failed + " failed" : "") + "; " + withoutEmail + " managers without an email");
        log.info("Digest of {} sent to {} recipients ({} failed); {} managers have no email", day, sent, failed,
                withoutEmail);
        return new Sending(day, sent, failed, withoutEmail, null);
    }
}
