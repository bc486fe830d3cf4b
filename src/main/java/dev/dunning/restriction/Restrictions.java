package dev.dunning.restriction;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.dunning.clock.BusinessClock;
import dev.dunning.timeline.Timeline;

/**
 * Restricting and restoring a debtor's service: requests to the billing or network system through the connector,
 * and the record of what managers did there by hand. A request is written in the caller's transaction (the plan
 * step's), and {@link RestrictionSender} delivers it afterwards and tells the plan the answer, so that a step that
 * commits has a request that will be sent, and a step that rolls back has none.
 */
@Service
public class Restrictions {

    /** The message a plan waits for after asking to restrict, and the one after asking to restore. */
    public static final String RESTRICTION_ANSWERED = "restrictionAnswered";
    public static final String RESTORATION_ANSWERED = "restorationAnswered";

    private final Connectors connectors;
    private final RestrictionStore store;
    private final RequestWriter writer;
    private final RestrictionSender sender;
    private final Timeline timeline;
    private final BusinessClock clock;

    Restrictions(Connectors connectors, RestrictionStore store, RequestWriter writer, RestrictionSender sender,
            Timeline timeline, BusinessClock clock) {
        this.connectors = connectors;
        this.store = store;
        this.writer = writer;
        this.sender = sender;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Whose case, and where its plan waits for the answer ({@code processInstanceId} null: no plan waits). */
    public record CaseScope(String customerId, String caseId, String processInstanceId, String providerId) {
    }

    /** Whether a connector restricts and restores the service of cases of {@code providerId} (null: customer-wide). */
    public boolean connected(String providerId) {
        return connectors.of(providerId).isPresent();
    }

    /**
     * Asks the billing system, through the case's connector, to restrict or restore the case's service; the answer
     * comes to the plan as {@link #RESTRICTION_ANSWERED} or {@link #RESTORATION_ANSWERED}; with no plan waiting
     * ({@code processInstanceId} null), a restoration is told to the debtor by Dunning itself. Returns the request id.
     *
     * @throws IllegalStateException when no connector is configured for the case
     */
    public String request(RestrictionAction action, CaseScope scope) {
        return writer.write(action, scope);
    }

    /**
     * Records what a manager did in the billing system by hand ({@code done}: restricted or restored; otherwise it
     * could not be done), so that the case's restriction history is whole whichever way the work was done. The
     * caller writes the timeline entry with the person's words.
     */
    public void recordManual(RestrictionAction action, CaseScope scope, boolean done, String actor, String note) {
        store.insertManual(UUID.randomUUID().toString(), action, scope.customerId(), scope.caseId(), scope.providerId(),
                done, (done ? action.done() + " by " : "not " + action.done() + " by ") + actor
                        + (note == null || note.isBlank() ? "" : ": " + note), clock.now());
    }

    /**
     * Whether the case's service is restricted now, by what was carried out last; empty when nothing was recorded
     * in the case's restriction history (cases of plan versions from before it).
     */
    public Optional<Boolean> restricted(String caseId) {
        return store.lastDone(caseId).map(action -> action == RestrictionAction.RESTRICT);
    }

    /**
     * A manager accepted the debtor's dispute: a service restricted in this case (by the connector or by hand) is
     * restored through the connector at once, and the debtor is told once it is. Without a connector the managers are
     * reminded on the timeline to restore it by hand.
     */
    public void restoreAfterAcceptedDispute(String customerId, String caseId, String actor) {
        if (caseId == null || !restricted(caseId).orElse(false)) {
            return;
        }
        String providerId = store.providerOfLastRestriction(caseId).orElse(null);
        if (!connected(providerId)) {
            timeline.record(customerId, caseId, "service-restore-needed", actor, "the dispute is accepted while the"
                    + " service is restricted; restore it in the billing system by hand");
            return;
        }
        request(RestrictionAction.RESTORE, new CaseScope(customerId, caseId, null, providerId));
    }

    /** The plan instance was suspended when answers came for it; now that it runs again it hears them. */
    public void deliverAnswers(String processInstanceId) {
        sender.deliverAnswers(processInstanceId);
    }

    /** The case's requests to restrict and restore, oldest first, for the managers. */
    public List<RestrictionRequest> ofCase(String caseId) {
        return store.ofCase(caseId);
    }
}
