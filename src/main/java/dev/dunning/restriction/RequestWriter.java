package dev.dunning.restriction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.OpenInvoice;
import dev.dunning.providers.Provider;
import dev.dunning.providers.Providers;
import dev.dunning.restriction.Restrictions.CaseScope;
import dev.dunning.timeline.Timeline;

/**
 * Writes a pending connector request: its body is made once, with its request id, and sent unchanged on every
 * attempt, so that the receiver can drop repeats by the id and the amount is the one of the day it was asked.
 */
@Component
class RequestWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connectors connectors;
    private final RestrictionStore store;
    private final Ledger ledger;
    private final Providers providers;
    private final Timeline timeline;
    private final BusinessClock clock;

    RequestWriter(Connectors connectors, RestrictionStore store, Ledger ledger, Providers providers, Timeline timeline,
            BusinessClock clock) {
        this.connectors = connectors;
        this.store = store;
        this.ledger = ledger;
        this.providers = providers;
        this.timeline = timeline;
        this.clock = clock;
    }

    String write(RestrictionAction action, CaseScope scope) {
        Connector connector = connectors.of(scope.providerId()).orElseThrow(() -> new IllegalStateException(
                "case " + scope.caseId() + ": no restriction connector is configured"
                        + (scope.providerId() == null ? "" : " for provider " + scope.providerId())
                        + "; set dunning.restriction.url, or let the managers restrict by hand"));
        String requestId = UUID.randomUUID().toString();
        List<String> services = action == RestrictionAction.RESTRICT ? servicesInDebt(scope)
                : servicesLastRestricted(scope.caseId()).orElseGet(() -> servicesInDebt(scope));
        BigDecimal amount = amountOwed(scope);
        String body = body(requestId, action, scope, services, amount);
        store.insertPending(requestId, action, scope.customerId(), scope.caseId(), scope.processInstanceId(),
                scope.providerId(), body, clock.now());
        timeline.record(scope.customerId(), scope.caseId(), "service-" + action.code() + "-requested", Timeline.SYSTEM,
                "asked the billing system to " + action.code() + " the service"
                        + (services.isEmpty() ? "" : " (" + String.join(", ", services) + ")") + " through "
                        + connector.name() + "; amount owed " + amount.toPlainString() + "; request " + requestId);
        return requestId;
    }

    private List<String> servicesInDebt(CaseScope scope) {
        Optional<Provider> provider = providers.byId(scope.providerId());
        if (provider.isPresent()) {
            return provider.get().services();
        }
        return ledger.openInvoices(scope.customerId(), null).stream().map(OpenInvoice::service)
                .filter(service -> service != null && !service.isBlank()).distinct().sorted().toList();
    }

    /** A restoration names the services the case's last carried-out restriction named: they may all be paid by now. */
    private Optional<List<String>> servicesLastRestricted(String caseId) {
        if (caseId == null) {
            return Optional.empty();
        }
        return store.ofCase(caseId).stream()
                .filter(request -> request.action() == RestrictionAction.RESTRICT
                        && RestrictionStore.DONE.equals(request.status()) && RestrictionStore.CONNECTOR.equals(request.via()))
                .reduce((first, second) -> second)
                .flatMap(request -> store.find(request.requestId()))
                .map(RestrictionStore.Stored::body)
                .map(RequestWriter::services);
    }

    private static List<String> services(String body) {
        List<String> services = new ArrayList<>();
        try {
            JSON.readTree(body).path("services").forEach(service -> services.add(service.asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored restriction request is not JSON", e);
        }
        return services;
    }

    /** What is owed in the case's scope: the real debt of the provider's part, or of the customer's whole debt. */
    private BigDecimal amountOwed(CaseScope scope) {
        String provider = providers.byId(scope.providerId()).map(Provider::id).orElse(null);
        return ledger.debtOf(scope.customerId(), provider).realDebt().setScale(2, RoundingMode.HALF_UP);
    }

    private String body(String requestId, RestrictionAction action, CaseScope scope, List<String> services,
            BigDecimal amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("action", action.code());
        body.put("customerId", scope.customerId());
        body.put("caseId", scope.caseId());
        body.put("provider", scope.providerId());
        body.put("services", services);
        body.put("amount", amount);
        body.put("requestedAt", clock.now().toString());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a restriction request could not be written", e);
        }
    }
}
