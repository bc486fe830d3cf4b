package dev.dunning.documents;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Statement;
import dev.dunning.notify.NoticeSummary;
import dev.dunning.timeline.TimelineEvent;
import freemarker.template.SimpleDate;
import freemarker.template.TemplateDateModel;

/**
 * The values the document templates see (listed in {@code templates/documents/README.md}). Values that are missing
 * are left out of the maps, so a template guards them with {@code ??}.
 */
final class DocumentModels {

    private DocumentModels() {
    }

    /** The case, the parties and the statement of account: what every document has. */
    static Map<String, Object> of(String companyName, Customer customer, String caseId, LocalDate today,
            String currency, int daysToPay, Statement statement) {
        Map<String, Object> model = new HashMap<>();
        model.put("companyName", companyName);
        model.put("customerId", customer.customerId());
        model.put("customerName", customer.name());
        putIfPresent(model, "customerAddress", customer.address());
        model.put("caseId", caseId);
        model.put("today", today);
        model.put("currency", currency);
        model.put("daysToPay", daysToPay);
        model.put("invoices", statement.invoices().stream().map(invoice -> invoice(invoice, today)).toList());
        model.put("payments", statement.payments().stream().map(DocumentModels::payment).toList());
        model.put("invoiced", statement.invoiced());
        model.put("paid", statement.paid());
        model.put("outstanding", statement.outstanding());
        model.put("debt", statement.overdue(today));
        model.put("notYetDue", statement.outstanding().subtract(statement.overdue(today)));
        model.put("credit", statement.credit());
        return model;
    }

    /**
     * {@code history}: every notice and every timeline event, oldest first, each with {@code at} (a date and time in
     * the company's time zone, {@code timeZone}), {@code source} ({@code notice} or {@code event}), {@code channel}
     * (notices), {@code status}, {@code summary} and {@code actor} (events).
     */
    static Map<String, Object> ofHistory(List<NoticeSummary> notices, List<TimelineEvent> events, ZoneId zone) {
        record Dated(Instant at, Map<String, Object> entry) {
        }
        List<Dated> history = new ArrayList<>();
        for (TimelineEvent event : events) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", dateTime(event.occurredAt(), zone));
            entry.put("source", "event");
            entry.put("status", event.kind());
            entry.put("summary", event.summary());
            entry.put("actor", event.actor());
            history.add(new Dated(event.occurredAt(), entry));
        }
        for (NoticeSummary notice : notices) {
            Map<String, Object> entry = new LinkedHashMap<>();
            Instant at = notice.sentAt() == null ? notice.createdAt() : notice.sentAt();
            entry.put("at", dateTime(at, zone));
            entry.put("source", "notice");
            entry.put("channel", notice.channel());
            entry.put("status", notice.outcome() == null ? notice.status() : notice.status() + ", " + notice.outcome());
            entry.put("summary", notice.subject() == null ? notice.template() : notice.template() + ": " + notice.subject());
            history.add(new Dated(at, entry));
        }
        // Stable: at the same moment the event (a case opened) comes before the notice it led to.
        history.sort(Comparator.comparing(Dated::at));
        Map<String, Object> model = new HashMap<>();
        model.put("history", history.stream().map(Dated::entry).toList());
        model.put("timeZone", zone.getId());
        return model;
    }

    private static Map<String, Object> invoice(Statement.Invoice invoice, LocalDate today) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("invoiceId", invoice.invoiceId());
        putIfPresent(entry, "contract", invoice.contract());
        putIfPresent(entry, "service", invoice.service());
        putIfPresent(entry, "issuedOn", invoice.issuedOn());
        entry.put("dueOn", invoice.dueOn());
        entry.put("amount", invoice.amount());
        entry.put("paid", invoice.paid());
        entry.put("outstanding", invoice.outstanding());
        entry.put("overdue", invoice.dueOn().isBefore(today) && invoice.outstanding().signum() > 0);
        return entry;
    }

    private static Map<String, Object> payment(Statement.Payment payment) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("paymentId", payment.paymentId());
        entry.put("paidOn", payment.paidOn());
        entry.put("amount", payment.amount());
        entry.put("confirmed", payment.confirmed());
        putIfPresent(entry, "invoiceId", payment.invoiceId());
        entry.put("paidInvoices", payment.paid().stream().map(part -> Map.<String, Object>of(
                "invoiceId", part.invoiceId(), "amount", part.amount())).toList());
        entry.put("credit", payment.credit());
        return entry;
    }

    /**
     * The templates run in UTC and know no {@code java.time}: a moment is given as its wall-clock time in the
     * company's zone, so it prints as the company reads it.
     */
    private static SimpleDate dateTime(Instant at, ZoneId zone) {
        return new SimpleDate(Date.from(at.atZone(zone).toLocalDateTime().toInstant(ZoneOffset.UTC)),
                TemplateDateModel.DATETIME);
    }

    private static void putIfPresent(Map<String, Object> model, String name, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            model.put(name, value);
        }
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
