package dev.dunning.channels.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP gateway channel ({@code dunning.notify.sms.*}, {@code dunning.notify.messenger.*},
 * {@code dunning.notify.voice.*}): how a notice becomes a request, and how the gateway's reports come back.
 *
 * @param url                where notices are posted
 * @param method             {@code POST} or {@code PUT}
 * @param auth               {@code none}, {@code basic} (username, password), {@code bearer} (token) or
 *                           {@code header} (header-name, header-value)
 * @param format             {@code form} (application/x-www-form-urlencoded) or {@code json}
 * @param fields             request fields; values may hold {@code {recipient}}, {@code {text}}, {@code {subject}},
 *                           {@code {noticeId}}, {@code {dedupeKey}}, {@code {template}}, {@code {locale}},
 *                           {@code {providerTemplate}} and {@code {callbackUrl}}; in JSON a dotted name
 *                           ({@code fields[message.to]}) makes nested objects
 * @param providerRef        where the gateway's answer (JSON) holds its id for the message, a JSON pointer ({@code /sid})
 * @param idempotencyHeader  a header that carries the notice's dedupe key, when the gateway drops repeated keys
 * @param maxLength          the longest text the channel sends; a longer one fails for good (and falls back);
 *                           by default 1000 for SMS (about 7 parts), 4096 for messengers, 2000 for the robot
 * @param countryCode        the calling code for numbers written without one ({@code 7}); empty: such numbers are
 *                           not used
 * @param templates          our template names to the gateway's approved template names (messengers)
 * @param callbackToken      the secret the gateway sends in {@code callbackHeader} with its reports
 * @param callbackFormat     {@code form} or {@code json}: how the gateway sends its reports
 * @param callbackRef        the report's field holding the gateway's id for the message ({@code MessageSid},
 *                           or a JSON pointer {@code /id})
 * @param callbackStatus     the report's field holding the status ({@code MessageStatus}, {@code /status})
 * @param statuses           the gateway's statuses to our outcomes ({@code delivered}, {@code undelivered},
 *                           {@code answered}, {@code no-answer}...); a status not listed is acknowledged and ignored
 * @param failedOutcomes     outcomes that mean the notice did not reach the debtor
 */
record GatewaySettings(
        boolean enabled,
        URI url,
        String method,
        String auth,
        String username,
        String password,
        String token,
        String headerName,
        String headerValue,
        String format,
        Map<String, String> fields,
        String providerRef,
        String idempotencyHeader,
        Duration connectTimeout,
        Duration readTimeout,
        int maxLength,
        String countryCode,
        Map<String, String> templates,
        String callbackToken,
        String callbackHeader,
        String callbackFormat,
        String callbackRef,
        String callbackStatus,
        Map<String, String> statuses,
        List<String> failedOutcomes) {

    GatewaySettings {
        method = method == null ? "POST" : method.strip().toUpperCase(java.util.Locale.ROOT);
        auth = auth == null ? "none" : auth.strip();
        format = format == null ? "form" : format.strip();
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        callbackHeader = callbackHeader == null ? "X-Dunning-Callback-Token" : callbackHeader.strip();
        callbackFormat = callbackFormat == null ? "form" : callbackFormat.strip();
        statuses = statuses == null ? Map.of() : Map.copyOf(statuses);
        failedOutcomes = failedOutcomes == null ? List.of("undelivered", "failed", "no-answer", "busy") : List.copyOf(failedOutcomes);
    }

    /** Every problem of the settings of channel {@code name}, for a start-up error. */
    List<String> problems(String name) {
        String prefix = "dunning.notify." + name + ".";
        List<String> problems = new java.util.ArrayList<>();
        if (url == null || url.getScheme() == null || !url.getScheme().matches("https?")) {
            problems.add(prefix + "url must be the gateway's http(s) address");
        }
        if (!List.of("POST", "PUT").contains(method)) {
            problems.add(prefix + "method must be POST or PUT, not " + method);
        }
        switch (auth) {
            case "none" -> { }
            case "basic" -> {
                if (blank(username) || password == null) {
                    problems.add(prefix + "username and password are needed for auth=basic");
                }
            }
            case "bearer" -> {
                if (blank(token)) {
                    problems.add(prefix + "token is needed for auth=bearer");
                }
            }
            case "header" -> {
                if (blank(headerName) || headerValue == null) {
                    problems.add(prefix + "header-name and header-value are needed for auth=header");
                }
            }
            default -> problems.add(prefix + "auth must be none, basic, bearer or header, not " + auth);
        }
        if (!List.of("form", "json").contains(format)) {
            problems.add(prefix + "format must be form or json, not " + format);
        }
        if (fields.isEmpty()) {
            problems.add(prefix + "fields must say what the request carries, such as fields.To={recipient}");
        }
        if (!List.of("form", "json").contains(callbackFormat)) {
            problems.add(prefix + "callback-format must be form or json, not " + callbackFormat);
        }
        if (!statuses.isEmpty() && (blank(callbackToken) || callbackToken.length() < 16)) {
            problems.add(prefix + "callback-token (16 characters or more) is needed to accept the gateway's reports");
        }
        if (countryCode != null && !countryCode.isBlank() && !countryCode.strip().matches("\\d{1,3}")) {
            problems.add(prefix + "country-code must be a calling code such as 7 or 1, not " + countryCode);
        }
        return problems;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
