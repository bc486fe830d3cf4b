package dev.dunning.contact;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The contact rules applied to notices about to go out, in the outbox's transaction. A batch costs one query for
 * its customers (which also locks them, so that two nodes deciding for one debtor take turns), one for their
 * recent contacts, one for their preferences, and one batched insert of the contacts allowed.
 */
@Service
class ContactGate implements ContactRules {

    /** Caps look back a month at most (31 days), a quiet period after a conversation as long. */
    private static final Duration LOOK_BACK = Duration.ofDays(32);
    private static final int CHUNK = 500;
    static final String CONVERSATION = "CONVERSATION";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ContactPolicies policies;
    private final boolean postgres;
    private final String lock;
    private final String historyQuery;

    ContactGate(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ContactPolicies policies, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.policies = policies;
        // On PostgreSQL a plain FOR UPDATE would wait for every open transaction that inserts a row referring to the
        // customer (an invoice import, a plan step writing a notice); FOR NO KEY UPDATE serializes only our decisions.
        this.postgres = dev.dunning.database.Databases.isPostgres(dataSource);
        this.lock = postgres ? "FOR NO KEY UPDATE" : "FOR UPDATE";
        // Without column statistics (a contact_event table that grew fast since the last ANALYZE, as on the first busy
        // morning) PostgreSQL guesses that an IN list of a hundred customers matches half the table and scans all of
        // it, 50 ms a batch at 20,000 rows; one index probe per customer (LATERAL, kept apart by OFFSET 0) cannot.
        this.historyQuery = postgres ? """
                SELECT ids.customer_id, c.kind, c.occurred_at
                FROM unnest(CAST(:ids AS VARCHAR[])) AS ids (customer_id)
                CROSS JOIN LATERAL (SELECT kind, occurred_at FROM contact_event e
                                    WHERE e.customer_id = ids.customer_id AND e.occurred_at > :since OFFSET 0) c"""
                : """
                SELECT customer_id, kind, occurred_at FROM contact_event
                WHERE customer_id IN (:ids) AND occurred_at > :since""";
    }

    private record Debtor(String group, String timeZone) {
    }

    private record Contact(String kind, Instant at) {
    }

    @Override
    public Map<String, ContactDecision> admit(List<ContactAttempt> attempts, Instant now) {
        List<String> customerIds = attempts.stream().map(ContactAttempt::customerId).distinct().sorted().toList();
        Map<String, Debtor> debtors = new HashMap<>();
        Map<String, List<Contact>> history = new HashMap<>();
        Map<String, Map<String, ContactPreferences.Preference>> preferences = new HashMap<>();
        for (int from = 0; from < customerIds.size(); from += CHUNK) {
            List<String> chunk = customerIds.subList(from, Math.min(customerIds.size(), from + CHUNK));
            lockAndLoad(chunk, debtors);
            loadHistory(chunk, now.minus(LOOK_BACK), history);
            ContactPreferences.load(jdbc, chunk).forEach(preference -> preferences
                    .computeIfAbsent(preference.customerId(), id -> new HashMap<>()).put(preference.channel(), preference));
        }
        Map<String, ContactDecision> decisions = new LinkedHashMap<>();
        List<SqlParameterSource> admitted = new ArrayList<>();
        for (ContactAttempt attempt : attempts) {
            Debtor debtor = debtors.get(attempt.customerId());
            if (debtor == null) {
                decisions.put(attempt.noticeId(), new ContactDecision.Suppressed("no customer " + attempt.customerId()));
                continue;
            }
            RuleBook rules = policies.rules(debtor.group());
            ContactPreferences.Preference preference = preferences.getOrDefault(attempt.customerId(), Map.of())
                    .get(attempt.channel());
            ContactDecision decision;
            if (preference != null && preference.optedOutAt() != null) {
                decision = new ContactDecision.Suppressed("the debtor opted out of " + attempt.channel());
            } else if (rules.needsConsent(attempt.channel()) && (preference == null || preference.consentAt() == null)) {
                decision = new ContactDecision.Suppressed(attempt.channel() + " needs the debtor's consent, which is "
                        + "not recorded");
            } else {
                List<Contact> contacts = history.getOrDefault(attempt.customerId(), List.of());
                List<Instant> sameKind = contacts.stream().filter(c -> c.kind().equals(attempt.kind().name()))
                        .map(Contact::at).toList();
                Instant lastConversation = contacts.stream().filter(c -> c.kind().equals(CONVERSATION))
                        .map(Contact::at).max(Instant::compareTo).orElse(null);
                decision = rules.decide(attempt.kind(), rules.zoneOf(debtor.timeZone()), now, sameKind, lastConversation);
            }
            decisions.put(attempt.noticeId(), decision);
            if (decision instanceof ContactDecision.Allowed) {
                history.computeIfAbsent(attempt.customerId(), id -> new ArrayList<>())
                        .add(new Contact(attempt.kind().name(), now));
                admitted.add(new MapSqlParameterSource()
                        .addValue("customer", attempt.customerId())
                        .addValue("notice", attempt.noticeId())
                        .addValue("channel", attempt.channel())
                        .addValue("kind", attempt.kind().name())
                        .addValue("at", utc(now))
                        .addValue("source", "notice"));
            }
        }
        if (!admitted.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO contact_event (customer_id, notice_id, channel, kind, occurred_at, source)
                    VALUES (:customer, :notice, :channel, :kind, :at, :source)""",
                    admitted.toArray(SqlParameterSource[]::new));
        }
        return decisions;
    }

    private void lockAndLoad(List<String> customerIds, Map<String, Debtor> debtors) {
        // Sorted, so that two nodes locking overlapping batches take the rows in the same order.
        jdbc.sql("""
                SELECT customer_id, group_name, time_zone FROM customer
                WHERE customer_id IN (:ids) ORDER BY customer_id""" + " " + lock)
                .param("ids", customerIds)
                .query((rs, row) -> debtors.put(rs.getString("customer_id"),
                        new Debtor(rs.getString("group_name"), rs.getString("time_zone"))))
                .list();
    }

    private void loadHistory(List<String> customerIds, Instant since, Map<String, List<Contact>> history) {
        jdbc.sql(historyQuery)
                .param("ids", postgres ? customerIds.toArray(String[]::new) : customerIds)
                .param("since", utc(since))
                .query((rs, row) -> history.computeIfAbsent(rs.getString("customer_id"), id -> new ArrayList<>())
                        .add(new Contact(rs.getString("kind"),
                                rs.getObject("occurred_at", OffsetDateTime.class).toInstant())))
                .list();
    }

    @Override
    public void withdraw(String noticeId) {
        jdbc.sql("DELETE FROM contact_event WHERE notice_id = :notice").param("notice", noticeId).update();
    }

    @Override
    public void recordConversation(String customerId, Instant at, String source) {
        record(customerId, "call", CONVERSATION, at, source);
    }

    /** A contact made outside the outbox (a collector's call). */
    void record(String customerId, String channel, String kind, Instant at, String source) {
        jdbc.sql("""
                INSERT INTO contact_event (customer_id, notice_id, channel, kind, occurred_at, source)
                VALUES (:customer, NULL, :channel, :kind, :at, :source)""")
                .param("customer", customerId)
                .param("channel", channel)
                .param("kind", kind)
                .param("at", utc(at))
                .param("source", source)
                .update();
    }

    /** When each kind of contact may next be made with a debtor, and why not now. */
    Map<ContactKind, ContactDecision> window(String customerId, Instant now) {
        Map<String, Debtor> debtors = new HashMap<>();
        jdbc.sql("SELECT customer_id, group_name, time_zone FROM customer WHERE customer_id = :id")
                .param("id", customerId)
                .query((rs, row) -> debtors.put(rs.getString("customer_id"),
                        new Debtor(rs.getString("group_name"), rs.getString("time_zone"))))
                .list();
        Debtor debtor = debtors.get(customerId);
        if (debtor == null) {
            throw new java.util.NoSuchElementException("no customer " + customerId);
        }
        Map<String, List<Contact>> history = new HashMap<>();
        loadHistory(List.of(customerId), now.minus(LOOK_BACK), history);
        List<Contact> contacts = history.getOrDefault(customerId, List.of());
        RuleBook rules = policies.rules(debtor.group());
        Instant lastConversation = contacts.stream().filter(c -> c.kind().equals(CONVERSATION)).map(Contact::at)
                .max(Instant::compareTo).orElse(null);
        Map<ContactKind, ContactDecision> window = new LinkedHashMap<>();
        for (ContactKind kind : List.of(ContactKind.CALL, ContactKind.MESSAGE)) {
            window.put(kind, rules.decide(kind, rules.zoneOf(debtor.timeZone()), now,
                    contacts.stream().filter(c -> c.kind().equals(kind.name())).map(Contact::at).toList(),
                    lastConversation));
        }
        return window;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
