package dev.dunning.plans;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A deployed version of a collection plan and the data it carries in its diagram.
 *
 * @param graceDays     days after an invoice's due date before its debt is worked (payment terms, bank days)
 * @param minimumAmount the conditional debt below which a case is not worth working (and is suspended)
 * @param stages        activity id to report stage, from the {@code dunning:stage} attributes
 * @param initialStage  the stage of the start event: where a freshly opened case stands
 * @param maxPromiseDays  how far ahead a debtor may promise to pay when answering a notice
 *                        ({@code dunning:maxPromiseDays}, default 14)
 * @param maxPostponeDays how far ahead a debtor may ask to postpone payment ({@code dunning:maxPostponeDays},
 *                        default 30)
 */
public record PlanSettings(
        String key,
        String name,
        int version,
        String processDefinitionId,
        int graceDays,
        BigDecimal minimumAmount,
        Map<String, String> stages,
        String initialStage,
        int maxPromiseDays,
        int maxPostponeDays) {
}
