package dev.dunning.ledger;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.timeline.Timeline;

/**
 * Disputes, promises to pay and installment agreements: they take money out of conditional debt
 * (which can suspend a case) but never out of real debt (which alone ends a case).
 */
@Service
public class Freezes {

    private static final Set<String> KINDS = Set.of("dispute", "promise", "installment");

    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final dev.dunning.providers.Providers providers;

    Freezes(JdbcClient jdbc, BusinessClock clock, Timeline timeline, ApplicationEventPublisher events,
            dev.dunning.providers.Providers providers) {
        this.providers = providers;
        this.jdbc = jdbc;
        this.clock = clock;
        this.timeline = timeline;
        this.events = events;
    }

    /** Records a freeze after checking it; throws {@link InvalidFreezeException} listing what is wrong. */
    @Transactional
    public Freeze add(String customerId, FreezeRequest request, String actor) {
        requireCustomer(customerId);
        validate(customerId, request);
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO debt_freeze (freeze_id, customer_id, kind, amount, until, invoice_id, reason, created_on, created_at,
                                         created_by, provider)
                VALUES (:id, :customer, :kind, :amount, :until, :invoice, :reason, :createdOn, :createdAt, :actor,
                        :provider)""")
                .param("provider", blankToNull(request.provider()))
                .param("id", id)
                .param("customer", customerId)
                .param("kind", request.kind())
                .param("amount", request.amount())
                .param("until", request.until())
                .param("invoice", blankToNull(request.invoiceId()))
                .param("reason", request.reason())
                .param("createdOn", clock.today())
                .param("createdAt", clock.now().atOffset(ZoneOffset.UTC))
                .param("actor", actor)
                .update();
        timeline.record(customerId, null, "freeze-added", actor, describe(request));
        events.publishEvent(new LedgerChanged(Set.of(customerId)));
        return find(customerId, id);
    }

    /** Ends a freeze before its date (a dispute rejected, an agreement cancelled). */
    @Transactional
    public Freeze lift(String customerId, String freezeId, String actor) {
        Freeze freeze = find(customerId, freezeId);
        if (freeze.liftedAt() != null) {
            throw new IllegalStateException("freeze " + freezeId + " was already lifted by " + freeze.liftedBy());
        }
        jdbc.sql("UPDATE debt_freeze SET lifted_at = :at, lifted_by = :actor WHERE freeze_id = :id")
                .param("at", clock.now().atOffset(ZoneOffset.UTC))
                .param("actor", actor)
                .param("id", freezeId)
                .update();
        timeline.record(customerId, null, "freeze-lifted", actor, freeze.kind() + " freeze " + freezeId + " lifted");
        events.publishEvent(new LedgerChanged(Set.of(customerId)));
        return find(customerId, freezeId);
    }

    /** Freezes in force today. */
    public List<Freeze> active(String customerId) {
        return jdbc.sql("""
                SELECT freeze_id, customer_id, kind, amount, until, invoice_id, reason, created_on, created_by,
                       lifted_at, lifted_by
                FROM debt_freeze
                WHERE customer_id = :customer AND lifted_at IS NULL AND (until IS NULL OR until >= :today)
                ORDER BY created_at""")
                .param("customer", customerId)
                .param("today", clock.today())
                .query(Freeze.class)
                .list();
    }

    private Freeze find(String customerId, String freezeId) {
        return jdbc.sql("""
                SELECT freeze_id, customer_id, kind, amount, until, invoice_id, reason, created_on, created_by,
                       lifted_at, lifted_by
                FROM debt_freeze WHERE freeze_id = :id AND customer_id = :customer""")
                .param("id", freezeId)
                .param("customer", customerId)
                .query(Freeze.class)
                .optional()
                .orElseThrow(() -> new NoSuchElementException("customer '" + customerId + "' has no freeze '" + freezeId + "'"));
    }

    private void requireCustomer(String customerId) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_id = :id")
                .param("id", customerId).query(Integer.class).single() > 0;
        if (!exists) {
            throw new NoSuchElementException("no customer '" + customerId + "'");
        }
    }

    private void validate(String customerId, FreezeRequest request) {
        List<Map.Entry<String, String>> errors = new ArrayList<>();
        String kind = request.kind();
        if (kind == null || !KINDS.contains(kind)) {
            errors.add(Map.entry("kind", "must be one of dispute, promise, installment"));
        }
        BigDecimal amount = request.amount();
        if (amount != null && (amount.signum() <= 0 || amount.scale() > 2)) {
            errors.add(Map.entry("amount", "must be a positive amount with at most 2 decimals"));
        }
        boolean needsAmountAndDate = "promise".equals(kind) || "installment".equals(kind);
        if (needsAmountAndDate && amount == null) {
            errors.add(Map.entry("amount", "is required for a " + kind));
        }
        if (needsAmountAndDate && request.until() == null) {
            errors.add(Map.entry("until", "is required for a " + kind));
        }
        if (request.until() != null && request.until().isBefore(clock.today())) {
            errors.add(Map.entry("until", "is in the past (today is " + clock.today() + ")"));
        }
        if ("dispute".equals(kind) && blankToNull(request.invoiceId()) == null && amount == null) {
            errors.add(Map.entry("invoiceId", "a dispute names the disputed invoice or an amount"));
        }
        String provider = blankToNull(request.provider());
        if (provider != null && providers.byId(provider).isEmpty()) {
            errors.add(Map.entry("provider", "no provider '" + provider + "' (see dunning.providers.list)"));
        }
        String invoiceId = blankToNull(request.invoiceId());
        if (invoiceId != null) {
            String owner = jdbc.sql("SELECT customer_id FROM invoice WHERE invoice_id = :id")
                    .param("id", invoiceId).query(String.class).optional().orElse(null);
            if (owner == null) {
                errors.add(Map.entry("invoiceId", "no invoice '" + invoiceId + "'"));
            } else if (!owner.equals(customerId)) {
                errors.add(Map.entry("invoiceId", "invoice '" + invoiceId + "' belongs to another customer"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFreezeException(errors);
        }
    }

    private static String describe(FreezeRequest request) {
        StringBuilder text = new StringBuilder(request.kind());
        if (request.amount() != null) {
            text.append(" of ").append(request.amount().toPlainString());
        }
        if (request.invoiceId() != null && !request.invoiceId().isBlank()) {
            text.append(" on invoice ").append(request.invoiceId());
        }
        if (request.until() != null) {
            text.append(" until ").append(request.until());
        }
        return text.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
