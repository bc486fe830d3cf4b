package dev.dunning.notify;

import java.time.Instant;

/**
 * A notice as a customer's contact history lists it, without its address or body.
 *
 * @param status  pending, sending, sent, failed, cancelled, uncertain or suppressed
 * @param sentAt  when the channel took it; null if it never did
 * @param outcome the provider's last report ({@code delivered}, {@code answered}, ...), if any
 */
public record NoticeSummary(String noticeId, String caseId, String template, String channel, String subject,
        String status, Instant createdAt, Instant sentAt, String outcome, Instant outcomeAt) {
}
