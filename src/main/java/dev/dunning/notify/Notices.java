package dev.dunning.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Ledger;
import dev.dunning.payments.Payments;
import dev.dunning.timeline.Timeline;

/**
 * The outbox: notices are written in the caller's transaction and delivered later by {@link Outbox}, with
 * retries, contact rules and channel fallback.
 */
@Service
public class Notices {

    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    private final Ledger ledger;
    private final Channels channels;
    private final NoticeTemplates templates;
    private final NoticeRendering rendering;
    private final NoticeStore store;
    private final ChannelFallback fallback;
    private final dev.dunning.contact.ContactRules rules;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final ApplicationEventPublisher events;
    private final NotifyProperties properties;
    private final String ledgerCurrency;
    private final String publicUrl;
    private final Payments payments;

    Notices(Ledger ledger, Channels channels, NoticeTemplates templates, NoticeRendering rendering, NoticeStore store,
            ChannelFallback fallback, dev.dunning.contact.ContactRules rules, Timeline timeline, BusinessClock clock, ApplicationEventPublisher events,
            NotifyProperties properties, @Value("${dunning.ledger.currency:RUB}") String ledgerCurrency,
            @Value("${dunning.public-url:http://localhost:8080}") String publicUrl, Payments payments) {
        this.publicUrl = publicUrl;
        this.payments = payments;
        this.ledger = ledger;
        this.channels = channels;
        this.templates = templates;
        this.rendering = rendering;
        this.store = store;
        this.fallback = fallback;
        this.rules = rules;
        this.timeline = timeline;
        this.clock = clock;
        this.events = events;
        this.properties = properties;
        this.ledgerCurrency = ledgerCurrency;
    }

    /**
     * Renders and stores a notice in the current transaction; returns its id. Delivery happens later.
     * <p>
     * The channel is the first of the request's channels that is enabled and has the customer's address,
     * else the fallback channel; the locale is the customer's if the template exists in it, else the default.
     * The template sees the request's model plus {@code companyName}, {@code links} (the debtor's answer links),
     * {@code paymentLink} when configured, {@code payment} (how to pay the amount due: {@code amountDue} when the
     * model has it, else {@code realDebt}; to the payee of the model's {@code provider}, else the deployment's) when
     * {@code dunning.payments.*} offers a way, and {@code customerName}, {@code caseId} and {@code currency} when the
     * model lacks them.
     * <p>
     * A plan step's notice has the dedupe key (case, step, pass): the pass counts the step's earlier notices in
     * the case, so a step retried after a failure makes the same key and the same notice, never a second one.
     *
     * @throws NoSuchElementException   when the customer does not exist
     * @throws NoticeTemplateException  when the template is missing or fails; the message names file and line
     */
    @Transactional
    public String compose(NoticeRequest request) {
        Customer customer = customer(request.customerId());
        String dedupeKey = null;
        if (request.caseId() != null && request.step() != null) {
            dedupeKey = request.caseId() + ":" + request.step() + ":" + (store.passesOf(request.caseId(), request.step()) + 1);
            var existing = store.byDedupeKey(dedupeKey);
            if (existing.isPresent()) {
                return existing.get().noticeId();
            }
        }
        Channels.Route route = channels.choose(customer, request.channels());
        String locale = templates.localeFor(customer.locale(), request.template());
        String noticeId = UUID.randomUUID().toString();
        Map<String, Object> model = model(request.model(), customer, request.caseId());
        NoticeTemplates.Rendered rendered = rendering.render(noticeId, customer.customerId(), request.caseId(), locale,
                request.template(), route.channel(), model);
        store.insertPending(new NoticeStore.NewNotice(noticeId, dedupeKey == null ? "notice:" + noticeId : dedupeKey,
                customer.customerId(), request.caseId(), request.step(), route, request.template(), locale, rendered,
                request.attachPdf(), ModelCodec.write(model), null), clock.now());
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

    /**
     * Records a provider's report on a notice it accepted (a delivery receipt, a robot call's result) on the
     * notice and the customer's timeline, and tells a plan step waiting for it. A notice reported as not
     * delivered moves to the step's next channel, if it has one.
     *
     * @throws NoSuchElementException when no notice sent on that channel has that provider reference
     */
    @Transactional
    public void report(DeliveryReport report) {
        Notice notice = store.byProviderRef(report.channel(), report.providerRef())
                .orElseThrow(() -> new NoSuchElementException("no notice sent by " + report.channel()
                        + " has the provider reference " + report.providerRef()));
        store.recordOutcome(notice.noticeId(), report.outcome(), DeliveryErrors.clean(report.detail()), clock.now());
        timeline.record(notice.customerId(), notice.caseId(), report.failed() ? "notice-undelivered" : "notice-outcome",
                Timeline.SYSTEM, notice.template() + " by " + notice.channel() + ": " + report.outcome());
        log.info("Notice {} by {}: provider reports {}", notice.noticeId(), notice.channel(), report.outcome());
        if (report.failed()) {
            // It did not reach the debtor: it counts for no contact rule.
            rules.withdraw(notice.noticeId());
            if (Notice.SENT.equals(notice.status()) && !notice.fallbackChannels().isEmpty()) {
                fallback.moveOn(notice, Notice.SENT, "reported " + report.outcome());
            }
        }
        events.publishEvent(new NoticeOutcome(notice.noticeId(), notice.customerId(), notice.caseId(), notice.step(),
                notice.channel(), report.outcome()));
    }

    /**
     * Sends a failed or uncertain notice again, as a new notice with its own dedupe key (the original's plus the
     * resend's number), on {@code channel} or on the original's. Contact rules apply as to any notice.
     *
     * @return the new notice's id
     * @throws NoSuchElementException   when there is no such notice
     * @throws IllegalArgumentException when the notice cannot be resent (sent, pending, cancelled) or the customer
     *                                  has no address on the channel
     */
    @Transactional
    public String resend(String noticeId, String channel, String actor) {
        Notice original = store.find(noticeId).orElseThrow(() -> new NoSuchElementException("no notice " + noticeId));
        if (!List.of(Notice.FAILED, Notice.UNCERTAIN, Notice.SUPPRESSED).contains(original.status())) {
            throw new IllegalArgumentException("notice " + noticeId + " is " + original.status()
                    + "; only failed, uncertain or suppressed notices are resent");
        }
        Customer customer = customer(original.customerId());
        String wanted = channel == null || channel.isBlank() ? original.channel() : channel.strip();
        Channels.Route route = channels.next(customer, List.of(wanted)).orElseThrow(() -> new IllegalArgumentException(
                "channel " + wanted + " is not enabled or the customer has no address on it"));
        Map<String, Object> model = ModelCodec.read(store.modelOf(noticeId).orElse(null));
        String resendId = UUID.randomUUID().toString();
        NoticeTemplates.Rendered rendered = rendering.render(resendId, customer.customerId(), original.caseId(),
                original.locale(), original.template(), route.channel(), model);
        String dedupeKey = original.dedupeKey() + "/resend-" + (store.resendsOf(noticeId) + 1);
        store.insertPending(new NoticeStore.NewNotice(resendId, dedupeKey, customer.customerId(), original.caseId(),
                original.step(), route, original.template(), original.locale(), rendered, original.attachPdf(),
                ModelCodec.write(model), noticeId), clock.now());
        timeline.record(customer.customerId(), original.caseId(), "notice-resent", actor,
                original.template() + " (" + original.status() + " by " + original.channel() + ") resent by "
                        + route.channel());
        return resendId;
    }

    /** The channel a notice was queued on (the log when none of its channels could reach the customer). */
    @Transactional(readOnly = true)
    public Optional<String> channelOf(String noticeId) {
        return store.find(noticeId).map(Notice::channel);
    }

    /** A template rendered for a channel, as a preview. */
    public record Preview(String template, String locale, String channel, String subject, String body, String html) {
    }

    /**
     * Renders a template for a customer as it would go out today (their debt, their locale), or with sample
     * values when {@code customerId} is null. The answer links are placeholders that answer nothing.
     */
    @Transactional(readOnly = true)
    public Preview preview(String template, String customerId, String channel, String locale) {
        Map<String, Object> model;
        String chosenLocale;
        if (customerId == null) {
            model = SampleModels.full(clock.today(), ledgerCurrency);
            chosenLocale = locale == null ? properties.defaultLocale() : locale;
        } else {
            Customer customer = customer(customerId);
            model = model(NoticeModels.ofDebt(ledger.debtOf(customerId), clock.today()), customer, null);
            model.putAll(NoticeModels.ofInvoices(ledger.openInvoices(customerId), clock.today()));
            chosenLocale = locale == null ? templates.localeFor(customer.locale(), template) : locale;
        }
        model.put("companyName", properties.companyName());
        model.put("links", SampleModels.placeholderLinks(publicUrl));
        String channelName = channel == null || channel.isBlank() ? "email" : channel.strip();
        boolean rich = channels.named(channelName).map(Channel::rich).orElse(List.of("email", "letter").contains(channelName));
        NoticeTemplates.Rendered rendered = templates.render(chosenLocale, template, channelName, rich, model);
        return new Preview(template, chosenLocale, channelName, rendered.subject(), rendered.body(), rendered.html());
    }

    /**
     * Renders {@code template} in every locale it exists in, for each channel, with every optional value present
     * and again with none, so that a plan's deployment finds a broken template or a missing value before
     * thousands of notices fail. Returns the problems, each naming file and line; empty when all is well.
     */
    public List<String> check(String template, List<String> channelNames) {
        List<String> problems = new ArrayList<>();
        List<String> locales;
        try {
            locales = templates.localesOf(template);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        if (locales.isEmpty()) {
            return List.of("notice template '" + template + "' exists in no locale (templates/notices/<locale>/"
                    + template + ".ftl)");
        }
        if (!locales.contains(properties.defaultLocale())) {
            problems.add("notice template '" + template + "' is missing in the default locale "
                    + properties.defaultLocale() + " (templates/notices/" + properties.defaultLocale() + "/" + template
                    + ".ftl)");
        }
        for (String locale : locales) {
            for (String channel : channelNames) {
                boolean rich = channels.named(channel).map(Channel::rich).orElse(List.of("email", "letter").contains(channel));
                for (Map<String, Object> model : List.of(SampleModels.full(clock.today(), ledgerCurrency),
                        SampleModels.minimal(clock.today(), ledgerCurrency))) {
                    model.put("companyName", properties.companyName());
                    model.put("links", SampleModels.placeholderLinks(publicUrl));
                    try {
                        templates.render(locale, template, channel, rich, model);
                    } catch (NoticeTemplateException e) {
                        if (!problems.contains(e.getMessage())) {
                            problems.add(e.getMessage());
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** Every notice of the customer, oldest first, as a contact history lists it. */
    @Transactional(readOnly = true)
    public List<NoticeSummary> historyOf(String customerId) {
        List<Notice> newestFirst = store.search(customerId, null, null, Integer.MAX_VALUE);
        List<NoticeSummary> history = new ArrayList<>(newestFirst.size());
        for (int at = newestFirst.size() - 1; at >= 0; at--) {
            Notice notice = newestFirst.get(at);
            history.add(new NoticeSummary(notice.noticeId(), notice.caseId(), notice.template(), notice.channel(),
                    notice.subject(), notice.status(), notice.createdAt(), notice.sentAt(), notice.outcome(),
                    notice.outcomeAt()));
        }
        return history;
    }

    private Customer customer(String customerId) {
        return ledger.customer(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
    }

    private Map<String, Object> model(Map<String, Object> given, Customer customer, String caseId) {
        // HashMap: model values may be null (no oldest due date), which Map.copyOf refuses.
        Map<String, Object> model = new HashMap<>();
        if (given != null) {
            model.putAll(given);
        }
        model.putIfAbsent("customerName", customer.name());
        if (caseId != null) {
            model.putIfAbsent("caseId", caseId);
        }
        model.putIfAbsent("currency", ledgerCurrency);
        model.put("companyName", properties.companyName());
        if (properties.paymentUrl() != null && !properties.paymentUrl().isBlank()) {
            model.put("paymentLink", properties.paymentUrl().replace("{customerId}",
                    java.net.URLEncoder.encode(customer.customerId(), java.nio.charset.StandardCharsets.UTF_8)));
        }
        Object due = model.get("amountDue") instanceof java.math.BigDecimal amountDue ? amountDue : model.get("realDebt");
        payments.offer(customer.customerId(), model.get("provider") instanceof String provider ? provider : null,
                due instanceof java.math.BigDecimal amount ? amount : null).ifPresent(offer -> {
                    model.put("payment", offer.toModel());
                    if (offer.link() != null) {
                        model.put("paymentLink", offer.link());
                    }
                });
        return model;
    }
}
