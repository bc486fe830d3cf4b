package dev.dunning.contact;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.timeline.Timeline;

/**
 * Each debtor's word per channel: opted out (nothing more is sent there, whatever the plan says), or consent given
 * (for channels a group's rules allow only with consent). Every change is on the customer's timeline.
 */
@Service
public class ContactPreferences {

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{0,15}");

    /** A debtor's preference on one channel; the instants are null where not given. */
    public record Preference(String customerId, String channel, Instant optedOutAt, Instant consentAt, String source,
            String changedBy, Instant changedAt) {
    }

    /** What staff may say of a channel for a debtor. */
    public enum Change {
        OPT_OUT, OPT_IN, CONSENT, WITHDRAW_CONSENT
    }

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final BusinessClock clock;

    ContactPreferences(JdbcClient jdbc, Timeline timeline, BusinessClock clock) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.clock = clock;
    }

    public List<Preference> of(String customerId) {
        return load(jdbc, List.of(customerId));
    }

    /**
     * Records a change of a debtor's preference on a channel.
     *
     * @throws NoSuchElementException   when there is no such customer
     * @throws IllegalArgumentException when the channel is not a channel name
     */
    @Transactional
    public Preference change(String customerId, String channel, Change change, String source, String actor) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("channel must be a channel name such as sms or email, not '" + channel + "'");
        }
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_id = :id").param("id", customerId)
                .query(Integer.class).single() > 0;
        if (!exists) {
            throw new NoSuchElementException("no customer " + customerId);
        }
        Preference current = of(customerId).stream().filter(p -> p.channel().equals(channel)).findFirst()
                .orElse(new Preference(customerId, channel, null, null, source, actor, null));
        Instant now = clock.now();
        Instant optedOut = switch (change) {
            case OPT_OUT -> current.optedOutAt() == null ? now : current.optedOutAt();
            case OPT_IN -> null;
            default -> current.optedOutAt();
        };
        Instant consent = switch (change) {
            case CONSENT -> current.consentAt() == null ? now : current.consentAt();
            case WITHDRAW_CONSENT -> null;
            default -> current.consentAt();
        };
        int updated = jdbc.sql("""
                UPDATE contact_preference SET opted_out_at = :out, consent_at = :consent, source = :source,
                                              changed_by = :actor, changed_at = :now
                WHERE customer_id = :customer AND channel = :channel""")
                .param("out", utc(optedOut)).param("consent", utc(consent)).param("source", source)
                .param("actor", actor).param("now", utc(now)).param("customer", customerId).param("channel", channel)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO contact_preference (customer_id, channel, opted_out_at, consent_at, source, changed_by,
                                                    changed_at)
                    VALUES (:customer, :channel, :out, :consent, :source, :actor, :now)""")
                    .param("customer", customerId).param("channel", channel).param("out", utc(optedOut))
                    .param("consent", utc(consent)).param("source", source).param("actor", actor).param("now", utc(now))
                    .update();
        }
        timeline.record(customerId, null, "contact-preference", actor, switch (change) {
            case OPT_OUT -> "opted out of " + channel + " (" + source + ")";
            case OPT_IN -> "opted in to " + channel + " again (" + source + ")";
            case CONSENT -> "consent to " + channel + " recorded (" + source + ")";
            case WITHDRAW_CONSENT -> "consent to " + channel + " withdrawn (" + source + ")";
        });
        return new Preference(customerId, channel, optedOut, consent, source, actor, now);
    }

    /** A debtor unsubscribed through a notice's link: it commits with their request. */
    @EventListener
    void onOptOutRequested(OptOutRequested request) {
        change(request.customerId(), request.channel(), Change.OPT_OUT, request.source(), "debtor");
    }

    static List<Preference> load(JdbcClient jdbc, List<String> customerIds) {
        return jdbc.sql("""
                SELECT customer_id, channel, opted_out_at, consent_at, source, changed_by, changed_at
                FROM contact_preference WHERE customer_id IN (:ids) ORDER BY customer_id, channel""")
                .param("ids", customerIds)
                .query((rs, row) -> new Preference(rs.getString("customer_id"), rs.getString("channel"),
                        instant(rs.getObject("opted_out_at", OffsetDateTime.class)),
                        instant(rs.getObject("consent_at", OffsetDateTime.class)), rs.getString("source"),
                        rs.getString("changed_by"), instant(rs.getObject("changed_at", OffsetDateTime.class))))
                .list();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
