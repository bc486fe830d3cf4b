package dev.dunning.notify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Made-up values for checking templates and previewing them without a customer: every value a notice model can
 * hold ({@link #full}), or only those it always holds ({@link #minimal}), so a template that uses an optional
 * value without {@code <#if name??>} fails when checked, not when sent.
 */
final class SampleModels {

    private SampleModels() {
    }

    static Map<String, Object> full(LocalDate today, String currency) {
        Map<String, Object> model = minimal(today, currency);
        model.put("caseId", "00000000-0000-0000-0000-000000000000");
        model.put("oldestDueOn", today.minusDays(35));
        model.put("promisedOn", today.plusDays(7));
        model.put("promisedAmount", new BigDecimal("5000.00"));
        model.put("nextDueOn", today.plusDays(20));
        model.put("nextAmountDue", new BigDecimal("1500.00"));
        model.put("paymentLink", "https://pay.example/sample");
        Map<String, Object> payment = new HashMap<>();
        payment.put("amount", new BigDecimal("12345.67"));
        payment.put("purpose", "Оплата задолженности по лицевому счёту SAMPLE");
        payment.put("payeeName", "Sample Payee");
        payment.put("link", "https://pay.example/sample");
        payment.put("qrPayload", "ST00012|Name=Sample Payee|PersonalAcc=40702810900000000001|BankName=Sample Bank"
                + "|BIC=044525225|CorrespAcc=30101810400000000225|Sum=1234567|PersAcc=SAMPLE");
        model.put("payment", payment);
        model.put("contracts", List.of("CN-2024-0001"));
        model.put("invoices", List.of(
                invoice("INV-0001", "CN-2024-0001", "water", today.minusDays(35), "6172.84", "6172.84", true),
                invoice("INV-0002", "CN-2024-0001", "heating", today.minusDays(5), "7672.83", "6172.83", true)));
        return model;
    }

    /** The values every notice has: a plan step may add its own, which a template must guard. */
    static Map<String, Object> minimal(LocalDate today, String currency) {
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", "Sample Customer");
        model.put("currency", currency);
        model.put("today", today);
        model.put("realDebt", new BigDecimal("12345.67"));
        model.put("conditionalDebt", new BigDecimal("12345.67"));
        model.put("balance", new BigDecimal("13845.67"));
        model.put("dueOn", today.plusDays(7));
        model.put("amountDue", new BigDecimal("1500.00"));
        return model;
    }

    private static Map<String, Object> invoice(String id, String contract, String service, LocalDate dueOn,
            String amount, String open, boolean overdue) {
        Map<String, Object> invoice = new HashMap<>();
        invoice.put("invoiceId", id);
        invoice.put("contract", contract);
        invoice.put("service", service);
        invoice.put("dueOn", dueOn);
        invoice.put("amount", new BigDecimal(amount));
        invoice.put("open", new BigDecimal(open));
        invoice.put("overdue", overdue);
        return invoice;
    }

    /** Links that look like the real ones but answer nothing. */
    static Map<String, String> placeholderLinks(String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return Map.of("confirm", base + "/answer/preview-confirm", "postpone", base + "/answer/preview-postpone",
                "dispute", base + "/answer/preview-dispute", "unsubscribe", base + "/answer/preview-unsubscribe");
    }
}
