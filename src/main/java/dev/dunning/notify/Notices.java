package dev.dunning.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Ledger;
import dev.dunning.timeline.Timeline;

/** The outbox: notices are written in the caller's transaction and delivered later, with retries. */
@Service
public class Notices {

    private final Ledger ledger;
    private final Channels channels;
    private final NoticeTemplates templates;
    private final NoticeStore store;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final String companyName;
    private final String ledgerCurrency;

    Notices(Ledger ledger, Channels channels, NoticeTemplates templates, NoticeStore store, Timeline timeline,
            BusinessClock clock, NotifyProperties properties,
            @Value("${dunning.ledger.currency:RUB}") String ledgerCurrency) {
        this.ledger = ledger;
        this.channels = channels;
        this.templates = templates;
        this.store = store;
        this.timeline = timeline;
        this.clock = clock;
        this.companyName = properties.companyName();
        this.ledgerCurrency = ledgerCurrency;
    }

    /**
     * Renders and stores a notice in the current transaction; returns its id. Delivery happens later.
     * <p>
     * The channel is the first of the request's channels that is enabled and has the customer's address,
     * else the fallback channel; the locale is the customer's if the template exists in it, else the default.
     * The template sees the request's model plus {@code companyName}, and {@code customerName}, {@code caseId}
     * and {@code currency} (the ledger's, {@code dunning.ledger.currency}) when the model lacks them.
     *
     * @throws NoSuchElementException   when the customer does not exist
     * @throws NoticeTemplateException  when the template is missing or fails; the message names file and line
     */
    @Transactional
    public String compose(NoticeRequest request) {
        Customer customer = ledger.customer(request.customerId())
                .orElseThrow(() -> new NoSuchElementException("no customer " + request.customerId()));
        Channels.Route route = channels.choose(customer, request.channels());
        String locale = templates.localeFor(customer.locale(), request.template());
        NoticeTemplates.Rendered rendered = templates.render(locale, request.template(), model(request, customer));
        String noticeId = UUID.randomUUID().toString();
        store.insertPending(noticeId, customer.customerId(), request.caseId(), route, request.template(), locale,
                rendered, clock.now());
        timeline.record(customer.customerId(), request.caseId(), "notice-queued", Timeline.SYSTEM,
                request.template() + " by " + route.channel());
        return noticeId;
    }

    /**
     * Cancels the notices of a case that were not delivered yet (the debt was paid); returns how many.
     * A notice already on its way when this is called may still arrive; it is then recorded as sent.
     */
    @Transactional
    public int cancelPending(String caseId) {
        int cancelled = store.cancelUndelivered(caseId);
        if (cancelled > 0) {
            store.customerOfCase(caseId).ifPresent(customerId -> timeline.record(customerId, caseId,
                    "notice-cancelled", Timeline.SYSTEM,
                    cancelled == 1 ? "1 undelivered notice cancelled" : cancelled + " undelivered notices cancelled"));
        }
        return cancelled;
    }

    private Map<String, Object> model(NoticeRequest request, Customer customer) {
        // HashMap: model values may be null (no oldest due date), which Map.copyOf refuses.
        Map<String, Object> model = new HashMap<>();
        if (request.model() != null) {
            model.putAll(request.model());
        }
        model.putIfAbsent("customerName", customer.name());
        model.putIfAbsent("caseId", request.caseId());
        model.putIfAbsent("currency", ledgerCurrency);
        model.put("companyName", companyName);
        return model;
    }
}
