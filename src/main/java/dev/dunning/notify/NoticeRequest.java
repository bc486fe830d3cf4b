package dev.dunning.notify;

import java.util.List;
import java.util.Map;

/**
 * What a plan step (or a person) asks to be sent.
 *
 * @param caseId    the case, or null for a notice outside a case
 * @param step      the plan activity that asks, or null outside a plan; with the case it makes the dedupe key
 * @param template  a template name under {@code templates/notices/<locale>/}, e.g. {@code first-reminder}
 * @param channels  preferred channels in order, e.g. {@code ["sms", "email"]}: the first one that is enabled and
 *                  has the customer's address is used, the later ones if it cannot deliver; with none of them,
 *                  the fallback channel ({@code log})
 * @param model     values the template may use (amounts as BigDecimal, dates as LocalDate)
 * @param attachPdf whether rich channels attach the notice as a PDF (a pre-trial claim)
 */
public record NoticeRequest(String customerId, String caseId, String step, String template, List<String> channels,
        Map<String, Object> model, boolean attachPdf) {

    /** A notice outside a plan step, without attachments. */
    public NoticeRequest(String customerId, String caseId, String template, List<String> channels,
            Map<String, Object> model) {
        this(customerId, caseId, null, template, channels, model, false);
    }
}
