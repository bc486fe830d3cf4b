package dev.dunning.notify;

import java.util.List;

import dev.dunning.payments.PaymentOffer;

/**
 * A notice as a channel sends it. Recipient, subject, bodies and attachments are personal data: send them,
 * never log them.
 *
 * @param dedupeKey   the same for every attempt at this notice (case, plan step and pass, resend number); a
 *                    provider that supports idempotency keys gets it, and email uses it for the Message-ID
 * @param recipient   the address on the channel (email, phone number, chat id, postal address)
 * @param subject     one line
 * @param body        plain text, always present
 * @param htmlBody    HTML for rich channels when the template has an HTML variant, else null
 * @param attachments files to attach (rich channels only)
 * @param links       signed answer links for the debtor, by name ({@code confirm}, {@code postpone},
 *                    {@code dispute}, {@code unsubscribe}); empty when the notice has no case
 * @param payment     how the debtor pays (QR code, link) for rich channels, when the notice offers a way; a letter
 *                    prints it as a payment slip; else null
 */
public record OutgoingNotice(
        String noticeId,
        String dedupeKey,
        String customerId,
        String caseId,
        String channel,
        String template,
        String locale,
        String recipient,
        String subject,
        String body,
        String htmlBody,
        List<Attachment> attachments,
        java.util.Map<String, String> links,
        PaymentOffer payment) {

    public OutgoingNotice {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        links = links == null ? java.util.Map.of() : java.util.Map.copyOf(links);
    }

    /** A notice that offers no way to pay. */
    public OutgoingNotice(String noticeId, String dedupeKey, String customerId, String caseId, String channel,
            String template, String locale, String recipient, String subject, String body, String htmlBody,
            List<Attachment> attachments, java.util.Map<String, String> links) {
        this(noticeId, dedupeKey, customerId, caseId, channel, template, locale, recipient, subject, body, htmlBody,
                attachments, links, null);
    }

    /** A file that goes with the notice, such as the pre-trial claim as PDF. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
