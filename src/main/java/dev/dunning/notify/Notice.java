package dev.dunning.notify;

import java.time.Instant;
import java.util.List;

/**
 * One notice in the outbox, as stored and as {@code GET /api/notifications} shows it. Recipient, subject and
 * bodies are personal data: they go to the channel and to authorised users, never to a log.
 *
 * @param dedupeKey        case, plan step and pass, resend number: the notice is sent at most once per key
 * @param step             the plan activity that asked for it; null outside a plan
 * @param recipient        the address on {@code channel}; null for channels that need none ({@code log})
 * @param htmlBody         the HTML variant for rich channels; null when the template has none
 * @param fallbackChannels the channels still to try, in order, if this one cannot deliver
 * @param status           pending, sending, sent, failed, cancelled, uncertain or suppressed
 * @param attempts         delivery attempts made so far on the current channel
 * @param lastError        why the last attempt failed, without personal data
 * @param nextAttemptAt    when a pending notice is tried next (for one being sent: when its lease ends)
 * @param deferredReason   why the contact rules last held it back, while it waits for that
 * @param providerRef      the provider's id for the sent notice, which its reports name
 * @param outcome          the provider's last report ({@code delivered}, {@code answered}, ...)
 */
record Notice(
        String noticeId,
        String dedupeKey,
        String customerId,
        String caseId,
        String step,
        String channel,
        String template,
        String locale,
        String recipient,
        String subject,
        String body,
        String htmlBody,
        boolean attachPdf,
        List<String> fallbackChannels,
        String status,
        Instant createdAt,
        int attempts,
        String lastError,
        Instant nextAttemptAt,
        String deferredReason,
        Instant sentAt,
        String providerRef,
        String outcome,
        String outcomeDetail,
        Instant outcomeAt) {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    static final String UNCERTAIN = "uncertain";
    static final String SUPPRESSED = "suppressed";

    static final List<String> STATUSES = List.of(PENDING, SENDING, SENT, FAILED, CANCELLED, UNCERTAIN, SUPPRESSED);
}
