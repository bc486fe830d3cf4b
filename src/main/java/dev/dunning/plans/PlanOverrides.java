package dev.dunning.plans;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Ledger;
import dev.dunning.timeline.Timeline;

/**
 * Analysts' per-customer plans: one of the plans the customer's group allows, with a reason, on the customer's
 * timeline. It wins over the registry's plan column and the group's choice, and, like any change of plan, reaches a
 * customer at their next case: a case in work keeps its plan.
 */
@Service
public class PlanOverrides {

    static final String SET = "plan-override-set";
    static final String LIFTED = "plan-override-lifted";

    /** An override as stored. */
    public record Override(String customerId, String plan, String reason, String setBy, Instant setAt) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final PlanGroups groups;
    private final Timeline timeline;
    private final BusinessClock clock;

    PlanOverrides(JdbcClient jdbc, Ledger ledger, PlanGroups groups, Timeline timeline, BusinessClock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.groups = groups;
        this.timeline = timeline;
        this.clock = clock;
    }

    public Optional<Override> of(String customerId) {
        return jdbc.sql("SELECT customer_id, plan_key, reason, set_by, set_at FROM plan_override WHERE customer_id = :id")
                .param("id", customerId)
                .query((rs, row) -> new Override(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Transactional
    public Override set(String customerId, String plan, String reason, String actor) {
        Customer customer = ledger.customer(customerId)
                .orElseThrow(() -> new NoSuchElementException("no customer '" + customerId + "'"));
        String key = plan == null ? "" : plan.strip();
        String why = reason == null ? "" : reason.strip();
        List<InvalidPlanGroupException.FieldError> errors = new java.util.ArrayList<>();
        if (key.isEmpty()) {
            errors.add(new InvalidPlanGroupException.FieldError("plan", "the plan is required"));
        } else if (!groups.allows(customer.group(), key)) {
            errors.add(new InvalidPlanGroupException.FieldError("plan", "plan '" + key + "' is not allowed for group '"
                    + customer.group() + "' (allowed: " + String.join(", ", groups.allowedPlans(customer.group())) + ")"));
        }
        if (why.isEmpty()) {
            errors.add(new InvalidPlanGroupException.FieldError("reason", "say why this customer gets their own plan"));
        } else if (why.length() > 500) {
            errors.add(new InvalidPlanGroupException.FieldError("reason", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanGroupException(customer.group(), errors);
        }
        Optional<Override> earlier = of(customerId);
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        if (earlier.isPresent()) {
            jdbc.sql("UPDATE plan_override SET plan_key = :plan, reason = :reason, set_by = :by, set_at = :at"
                    + " WHERE customer_id = :id")
                    .param("plan", key).param("reason", why).param("by", actor).param("at", now).param("id", customerId)
                    .update();
        } else {
            jdbc.sql("INSERT INTO plan_override (customer_id, plan_key, reason, set_by, set_at)"
                    + " VALUES (:id, :plan, :reason, :by, :at)")
                    .param("plan", key).param("reason", why).param("by", actor).param("at", now).param("id", customerId)
                    .update();
        }
        timeline.record(customerId, null, SET, actor, "plan override for customer " + customerId + ": "
                + earlier.map(Override::plan).orElse("none") + " -> " + key + " (" + why + ")");
        return of(customerId).orElseThrow();
    }

    /** Lifts the override; returns whether there was one. */
    @Transactional
    public boolean lift(String customerId, String actor) {
        Optional<Override> earlier = of(customerId);
        if (earlier.isEmpty()) {
            return false;
        }
        jdbc.sql("DELETE FROM plan_override WHERE customer_id = :id").param("id", customerId).update();
        timeline.record(customerId, null, LIFTED, actor, "plan override for customer " + customerId + ": "
                + earlier.get().plan() + " -> none");
        return true;
    }
}
