package dev.dunning.notify;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.OpenInvoice;

/** The values every notice about a debt gives its template. */
public final class NoticeModels {

    private NoticeModels() {
    }

    /** {@code realDebt}, {@code conditionalDebt}, {@code balance}, {@code today} and, if any, {@code oldestDueOn}. */
    public static Map<String, Object> ofDebt(DebtSummary debt, LocalDate today) {
        Map<String, Object> model = new HashMap<>();
        model.put("realDebt", debt.realDebt());
        model.put("conditionalDebt", debt.conditionalDebt());
        model.put("balance", debt.balance());
        model.put("today", today);
        if (debt.oldestDueOn() != null) {
            model.put("oldestDueOn", debt.oldestDueOn());
        }
        return model;
    }

    /**
     * {@code invoices}: each open invoice as {@code invoiceId}, {@code contract} and {@code service} (when billing
     * gave them), {@code dueOn}, {@code amount}, {@code open} (still to pay) and {@code overdue}; and
     * {@code contracts}: the contracts they belong to.
     */
    public static Map<String, Object> ofInvoices(List<OpenInvoice> invoices, LocalDate today) {
        List<Map<String, Object>> listed = invoices.stream().map(invoice -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("invoiceId", invoice.invoiceId());
            if (invoice.contract() != null) {
                entry.put("contract", invoice.contract());
            }
            if (invoice.service() != null) {
                entry.put("service", invoice.service());
            }
            entry.put("dueOn", invoice.dueOn());
            entry.put("amount", invoice.amount());
            entry.put("open", invoice.open());
            entry.put("overdue", invoice.dueOn().isBefore(today));
            return entry;
        }).toList();
        List<String> contracts = invoices.stream().map(OpenInvoice::contract).filter(Objects::nonNull).distinct().toList();
        Map<String, Object> model = new HashMap<>();
        model.put("invoices", listed);
        model.put("contracts", contracts);
        return model;
    }
}
