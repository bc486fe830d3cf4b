package dev.dunning.web;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.dunning.cases.CaseView;
import dev.dunning.cases.Cases;
import dev.dunning.contact.ContactPreferences;
import dev.dunning.files.EditableFiles;
import dev.dunning.files.SafeTemplates;
import dev.dunning.inbox.TaskView;
import dev.dunning.providers.Providers;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.Freezes;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.OpenInvoice;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;

/**
 * The customer card beside a task: who they are and how to reach them, what they owe by contract and service,
 * what is frozen and why, the case, the latest of their timeline, the previous calls, and the call script.
 */
@Component
class CustomerCards {

    static final int TIMELINE_EVENTS = 100;
    static final int PREVIOUS_CALLS = 20;
    /** What the plans record on the timeline for each call (cases.CaseActions#recordCallOutcome). */
    static final String CALL_OUTCOME = "call-outcome";

    private final Providers providers;
    private final Ledger ledger;
    private final Freezes freezes;
    private final Cases cases;
    private final ContactPreferences preferences;
    private final Timeline timeline;
    private final EditableFiles files;
    private final Configuration scripts;
    private final String companyName;

    CustomerCards(Ledger ledger, Freezes freezes, Cases cases, ContactPreferences preferences, Timeline timeline,
            EditableFiles files, @Value("${dunning.notify.company-name:Dunning demo}") String companyName,
            Providers providers) {
        this.providers = providers;
        this.ledger = ledger;
        this.freezes = freezes;
        this.cases = cases;
        this.preferences = preferences;
        this.timeline = timeline;
        this.files = files;
        this.companyName = companyName;
        this.scripts = SafeTemplates.configuration(files, HTMLOutputFormat.INSTANCE);
    }

    /** What is still open on one contract and service. */
    public record DebtLine(String contract, String service, int invoices, BigDecimal open) {
    }

    /**
     * One part of the customer's debt where providers are worked separately: the provider (null: what no provider
     * billed), its name, the part's debt and the case working it, if any.
     */
    public record ProviderPart(String provider, String providerName, DebtSummary debt, CaseView caseInWork) {
    }

    public record Card(Customer customer, DebtSummary debt, List<DebtLine> lines, List<OpenInvoice> invoices,
            List<Freeze> freezes, List<ContactPreferences.Preference> preferences, CaseView currentCase,
            List<TimelineEvent> timeline, List<TimelineEvent> calls, List<ProviderPart> parts) {
    }

    Card of(String customerId, String caseId) {
        Customer customer = ledger.customer(customerId)
                .orElseThrow(() -> new NoSuchElementException("no customer '" + customerId + "'"));
        List<OpenInvoice> invoices = ledger.openInvoices(customerId);
        Map<String, DebtLine> lines = new LinkedHashMap<>();
        for (OpenInvoice invoice : invoices) {
            String key = invoice.contract() + "\u0000" + invoice.service();
            DebtLine line = lines.get(key);
            lines.put(key, line == null ? new DebtLine(invoice.contract(), invoice.service(), 1, invoice.open())
                    : new DebtLine(line.contract(), line.service(), line.invoices() + 1, line.open().add(invoice.open())));
        }
        CaseView current = caseId != null ? cases.get(caseId) : cases.currentOf(customerId).orElse(null);
        List<TimelineEvent> events = timeline.latest(customerId, TIMELINE_EVENTS);
        List<TimelineEvent> calls = timeline.latest(customerId, CALL_OUTCOME, PREVIOUS_CALLS);
        return new Card(customer, ledger.debtOf(customerId), List.copyOf(lines.values()), invoices,
                freezes.active(customerId), preferences.of(customerId), current, events, calls, parts(customerId));
    }

    /** The parts of the debt by provider, with their cases, where providers are worked separately; else none. */
    private List<ProviderPart> parts(String customerId) {
        if (!ledger.worksProvidersSeparately()) {
            return List.of();
        }
        Map<String, CaseView> inWork = new java.util.HashMap<>();
        cases.of(customerId).stream()
                .filter(view -> view.status().equals("open") || view.status().equals("suspended"))
                .forEach(view -> inWork.put(view.provider() == null ? "" : view.provider(), view));
        return ledger.debtPartsOf(List.of(customerId)).stream()
                .map(part -> new ProviderPart(part.provider(), part.provider() == null ? null
                        : providers.byId(part.provider()).map(dev.dunning.providers.Provider::name)
                                .orElse(part.provider()),
                        part, inWork.get(part.provider() == null ? "" : part.provider())))
                .toList();
    }

    /**
     * The script for the task's form ({@code templates/scripts/<lang>/<form>.ftlh}), or null when there is none.
     * Analysts edit scripts on disk like notices; they see the customer's name, the debt and the company.
     */
    String callScript(TaskView task, String lang) {
        if (task.form() == null || task.customerId() == null) {
            return null;
        }
        String path = "scripts/" + lang + "/" + task.form().key() + ".ftlh";
        if (files.find(SafeTemplates.FOLDER, path).isEmpty()) {
            return null;
        }
        Customer customer = ledger.customer(task.customerId()).orElseThrow();
        DebtSummary debt = ledger.debtOf(task.customerId());
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", customer.name());
        model.put("amount", debt.conditionalDebt());
        model.put("realDebt", debt.realDebt());
        model.put("companyName", companyName);
        if (debt.oldestDueOn() != null) {
            model.put("oldestDueOn", debt.oldestDueOn());
        }
        try {
            Template template = scripts.getTemplate(path);
            StringWriter html = new StringWriter();
            var environment = template.createProcessingEnvironment(model, html);
            environment.setLocale(Locale.forLanguageTag(lang));
            environment.process();
            return html.toString();
        } catch (TemplateException e) {
            throw new IllegalStateException("call script templates/" + path + " failed at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new IllegalStateException("call script templates/" + path + " cannot be read: " + e.getMessage(), e);
        }
    }
}
