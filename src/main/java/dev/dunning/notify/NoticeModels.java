package dev.dunning.notify;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import dev.dunning.ledger.DebtSummary;

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
}
