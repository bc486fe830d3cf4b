package dev.dunning.restriction;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.DueWork;
import dev.dunning.ledger.Ledger;
import dev.dunning.notify.NoticeModels;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;
import dev.dunning.restriction.ConnectorAnswer.Outcome;
import dev.dunning.restriction.RestrictionStore.Stored;
import dev.dunning.timeline.Timeline;

/**
 * Delivers the pending restriction requests, on any number of nodes: one short transaction claims a request (a
 * conditional update, so one node wins), the request goes to the connector with no transaction open, and a second
 * transaction records the attempt, the answer on the case's timeline, and tells the plan. A node that stops between
 * sending and recording leaves its claim until the lease ends; the request then goes again with the same request id,
 * which the receiver uses to drop the repeat, so a request is never lost and never carried out twice.
 */
@Component
class RestrictionSender implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(RestrictionSender.class);
    private static final int BATCH = 50;
    static final String RESTORED_TEMPLATE = "service-restored";
    /** The channels of the debtor's thank-you in the shipped plans: a restoration is as welcome as news. */
    private static final List<String> RESTORED_CHANNELS = List.of("telegram", "sms", "email");

    private final RestrictionStore store;
    private final Connectors connectors;
    private final ConnectorClient client;
    private final RequestWriter writer;
    private final RuntimeService runtime;
    private final Notices notices;
    private final Ledger ledger;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;

    RestrictionSender(RestrictionStore store, Connectors connectors, ConnectorClient client, RequestWriter writer,
            RuntimeService runtime, Notices notices, Ledger ledger, Timeline timeline, BusinessClock clock,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.connectors = connectors;
        this.client = client;
        this.writer = writer;
        this.runtime = runtime;
        this.notices = notices;
        this.ledger = ledger;
        this.timeline = timeline;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        return store.earliestDue();
    }

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void runDue(Instant now) {
        for (Stored lost : store.expiredLeases(now)) {
            transaction.executeWithoutResult(status -> sendAgain(lost, now));
        }
        Set<String> tried = new HashSet<>();
        while (true) {
            List<String> due = store.dueIds(now, BATCH).stream().filter(tried::add).toList();
            if (due.isEmpty()) {
                return;
            }
            for (String requestId : due) {
                attempt(requestId, now);
            }
        }
    }

    private void sendAgain(Stored lost, Instant now) {
        if (!store.reopen(lost.request().requestId(), now)) {
            return;
        }
        RestrictionRequest request = lost.request();
        String detail = "no answer was recorded for attempt " + request.attempts() + " (the node may have stopped);"
                + " it goes again with the same request id";
        store.recordAttempt(request.requestId(), request.attempts(), now, null, "unknown", detail);
        timeline.record(request.customerId(), request.caseId(), "service-" + request.action().code() + "-attempt",
                Timeline.SYSTEM, "request " + request.requestId() + " to " + request.action().code() + " the service: " + detail);
    }

    private void attempt(String requestId, Instant now) {
        Instant leaseUntil = now.plus(connectors.sendingLease());
        Boolean claimed = transaction.execute(status -> store.claim(requestId, now, leaseUntil));
        if (!Boolean.TRUE.equals(claimed)) {
            return;
        }
        Stored stored = store.find(requestId).orElseThrow();
        Optional<Connector> connector = connectors.of(stored.request().providerId());
        ConnectorAnswer answer = connector.isEmpty()
                ? new ConnectorAnswer(Outcome.REFUSED, null, "no connector is configured any more for this case")
                : client.post(connector.get(), requestId, stored.body(), clock.instant());
        try {
            transaction.executeWithoutResult(status -> record(stored, connector, answer));
        } catch (RuntimeException e) {
            // The lease runs out and the request goes again, under the same id; the receiver drops the repeat.
            log.warn("The answer to restriction request {} could not be recorded; it is sent again after its lease",
                    requestId, e);
        }
    }

    private void record(Stored stored, Optional<Connector> connector, ConnectorAnswer answer) {
        RestrictionRequest request = stored.request();
        Instant now = clock.now();
        int attempt = request.attempts();
        store.recordAttempt(request.requestId(), attempt, now, answer.httpStatus(), answer.outcome().code, answer.detail());
        String what = request.action().code();
        String attemptText = "attempt " + attempt + " of request " + request.requestId();
        String finalStatus;
        String summary;
        switch (answer.outcome()) {
            case DONE -> {
                finalStatus = RestrictionStore.DONE;
                summary = "the billing system " + request.action().done() + " the service (" + attemptText + ", " + answer.detail() + ")";
            }
            case REFUSED -> {
                finalStatus = RestrictionStore.REFUSED;
                summary = "the billing system refused to " + what + " the service (" + attemptText + ", "
                        + answer.detail() + "); the managers take over";
            }
            default -> {
                Optional<java.time.Duration> delay = connector.flatMap(own -> own.delayAfter(attempt));
                if (delay.isPresent()) {
                    Instant next = now.plus(delay.get());
                    if (store.retryAt(request.requestId(), next, answer.detail())) {
                        timeline.record(request.customerId(), request.caseId(), "service-" + what + "-attempt",
                                Timeline.SYSTEM, "could not " + what + " the service yet (" + attemptText + ", "
                                        + answer.detail() + "); trying again at " + next);
                    }
                    return;
                }
                finalStatus = RestrictionStore.FAILED;
                summary = "gave up asking the billing system to " + what + " the service after " + attempt
                        + " attempts (last: " + answer.detail() + "); the managers take over";
            }
        }
        if (!store.finish(request.requestId(), finalStatus, answer.detail(), now)) {
            return;
        }
        String kind = switch (finalStatus) {
            case RestrictionStore.DONE -> request.action() == RestrictionAction.RESTRICT ? "service-restricted"
                    : "service-restored";
            case RestrictionStore.REFUSED -> "service-" + what + "-refused";
            default -> "service-" + what + "-failed";
        };
        timeline.record(request.customerId(), request.caseId(), kind, Timeline.SYSTEM, summary);
        log.info("Restriction request {} ({}) of case {}: {}", request.requestId(), what, request.caseId(), finalStatus);
        answer(new Stored(new RestrictionRequest(request.requestId(), request.action(), request.via(),
                request.customerId(), request.caseId(), request.providerId(), finalStatus, attempt, answer.detail(),
                request.createdAt(), now), stored.processInstanceId(), stored.body()));
    }

    /** The plan instance was suspended when answers came for it; now that it runs again it hears them. */
    void deliverAnswers(String processInstanceId) {
        for (Stored finished : store.unanswered(processInstanceId)) {
            answer(finished);
        }
    }

    /**
     * Tells whoever waits for a finished request: the plan's step waiting for the answer (later, when the case is
     * suspended now); with no plan waiting, Dunning itself tells the debtor of a restoration, and undoes a
     * restriction carried out after its case ended (paid while the request was on its way).
     */
    private void answer(Stored finished) {
        RestrictionRequest request = finished.request();
        String instanceId = finished.processInstanceId();
        boolean done = RestrictionStore.DONE.equals(request.status());
        if (instanceId == null) {
            store.markAnswered(request.requestId(), clock.now());
            if (done && request.action() == RestrictionAction.RESTORE) {
                tellDebtor(request);
            }
            return;
        }
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
        if (instance != null && instance.isSuspended()) {
            return;
        }
        String message = request.action() == RestrictionAction.RESTRICT ? Restrictions.RESTRICTION_ANSWERED
                : Restrictions.RESTORATION_ANSWERED;
        Execution waiting = instance == null ? null : runtime.createExecutionQuery().processInstanceId(instanceId)
                .messageEventSubscriptionName(message).list().stream().findFirst().orElse(null);
        store.markAnswered(request.requestId(), clock.now());
        if (waiting != null) {
            runtime.messageEventReceived(message, waiting.getId(), variables(request));
            return;
        }
        if (instance == null && done && request.action() == RestrictionAction.RESTRICT) {
            timeline.record(request.customerId(), request.caseId(), "service-restore-needed", Timeline.SYSTEM,
                    "the case ended while the restriction was on its way; the service is restored at once");
            writer.write(RestrictionAction.RESTORE, new Restrictions.CaseScope(request.customerId(), request.caseId(),
                    null, request.providerId()));
        } else if (done && request.action() == RestrictionAction.RESTORE) {
            tellDebtor(request);
        } else {
            timeline.record(request.customerId(), request.caseId(), "service-" + request.action().code() + "-unheard",
                    Timeline.SYSTEM, "no step of the case's plan waits for the answer to request " + request.requestId()
                            + " any more (" + request.status() + ")");
        }
    }

    /** The variables the plan's gateway reads: {@code restrictionOutcome} or {@code restorationOutcome}, and why. */
    private static Map<String, Object> variables(RestrictionRequest request) {
        boolean restrict = request.action() == RestrictionAction.RESTRICT;
        String outcome = switch (request.status()) {
            case RestrictionStore.DONE -> restrict ? "restricted" : "restored";
            case RestrictionStore.REFUSED -> "refused";
            default -> "failed";
        };
        Map<String, Object> variables = new HashMap<>();
        variables.put(restrict ? "restrictionOutcome" : "restorationOutcome", outcome);
        variables.put(restrict ? "restrictionReason" : "restorationReason", request.result());
        variables.put(restrict ? "restrictionRequestId" : "restorationRequestId", request.requestId());
        return variables;
    }

    private void tellDebtor(RestrictionRequest request) {
        Map<String, Object> model = new HashMap<>(NoticeModels.ofDebt(ledger.debtOf(request.customerId(),
                request.providerId()), clock.today()));
        notices.compose(new NoticeRequest(request.customerId(), request.caseId(), RESTORED_TEMPLATE, RESTORED_CHANNELS,
                model));
    }
}
