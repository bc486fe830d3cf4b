package dev.dunning.notify;

/**
 * Published after a notice's outcome is known: sent, reported by the provider, or failed for good. A plan
 * step that waits for it (a robot call's answer) receives {@code outcome} as the variable {@code noticeOutcome}.
 *
 * @param step    the plan activity that sent the notice, null for notices sent outside a plan
 * @param outcome {@code sent}, {@code failed}, or a {@link DeliveryReport#outcome()}
 */
public record NoticeOutcome(String noticeId, String customerId, String caseId, String step, String channel,
        String outcome) {
}
