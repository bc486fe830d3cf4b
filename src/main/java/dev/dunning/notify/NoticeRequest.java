package dev.dunning.notify;

import java.util.List;
import java.util.Map;

/**
 * What a plan step asks to be sent.
 *
 * @param template  a template name under {@code templates/notices/<locale>/}, e.g. {@code first-reminder}
 * @param channels  preferred channels in order, e.g. {@code ["email"]}; the first one that is enabled and
 *                  for which the customer has an address is used, else the fallback channel ({@code log})
 * @param model     values the template may use (amounts as BigDecimal, dates as LocalDate)
 */
public record NoticeRequest(String customerId, String caseId, String template, List<String> channels,
        Map<String, Object> model) {
}
