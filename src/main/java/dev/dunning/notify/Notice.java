package dev.dunning.notify;

import java.time.Instant;

/**
 * One notice in the outbox, as stored and as {@code GET /api/notifications} shows it. Recipient, subject and
 * body are personal data: they go to the channel and to authorised users, never to a log.
 *
 * @param recipient     the address on {@code channel}; null for channels that need none ({@code log})
 * @param status        pending, sending, sent, failed or cancelled
 * @param attempts      delivery attempts made so far
 * @param lastError     why the last attempt failed, without personal data
 * @param nextAttemptAt when a pending notice is tried next (for one being sent: when its lease ends)
 */
record Notice(
        String noticeId,
        String customerId,
        String caseId,
        String channel,
        String template,
        String locale,
        String recipient,
        String subject,
        String body,
        String status,
        Instant createdAt,
        int attempts,
        String lastError,
        Instant nextAttemptAt,
        Instant sentAt) {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
}
