package dev.dunning.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

import dev.dunning.payments.GostPayload.Encoding;
import dev.dunning.payments.GostPayload.Field;
import dev.dunning.payments.PaymentsProperties.Payee;
import dev.dunning.payments.PaymentsProperties.ProviderPayments;
import dev.dunning.providers.Providers;

/**
 * How debtors pay from a notice: a GOST R 56042 QR code with the payee's requisites, a payment link, both or
 * neither, for the deployment and for each provider. Every setting is checked at start-up; a bad one stops the
 * application with a message naming it.
 */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);
    private static final String PREFIX = "dunning.payments";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> LINK_PLACEHOLDERS = Set.of("customerId", "amount", "kopecks", "purpose");
    private static final Set<String> PURPOSE_PLACEHOLDERS = Set.of("customerId");

    /** What notices show. */
    enum Show {
        QR, LINK, BOTH, NONE;

        boolean qr() {
            return this == QR || this == BOTH;
        }

        boolean link() {
            return this == LINK || this == BOTH;
        }
    }

    /** One payee's way to be paid, checked. */
    private record Terms(Show show, String purpose, String link, Payee payee) {
    }

    private final Encoding encoding;
    private final Terms deploymentWide;
    private final Map<String, Terms> byProvider = new HashMap<>();

    Payments(PaymentsProperties properties, Providers providers,
            @Value("${dunning.ledger.currency:RUB}") String ledgerCurrency) {
        this.encoding = Encoding.ofSetting(properties.encoding()).orElseThrow(() -> new IllegalArgumentException(
                PREFIX + ".encoding must be utf-8, windows-1251 or koi8-r, not '" + properties.encoding() + "'"));
        this.deploymentWide = terms(PREFIX, properties.show(), properties.purpose(), properties.link(),
                properties.payee(), ledgerCurrency);
        properties.providers().forEach((providerId, own) -> {
            String where = PREFIX + ".providers." + providerId;
            if (providers.byId(providerId).isEmpty()) {
                throw new IllegalArgumentException(where + ": there is no provider '" + providerId
                        + "' in dunning.providers.list (known: " + providers.all().stream().map(p -> p.id()).toList() + ")");
            }
            byProvider.put(providerId, terms(where, firstGiven(own.show(), properties.show()),
                    firstGiven(own.purpose(), properties.purpose()), firstGiven(own.link(), properties.link()),
                    own.payee().isEmpty() ? properties.payee() : own.payee(), ledgerCurrency));
        });
    }

    /** Whether any notice can offer a way to pay: some payee or link is configured and shown. */
    public boolean offersAnything() {
        return deploymentWide.show() != Show.NONE || byProvider.values().stream().anyMatch(terms -> terms.show() != Show.NONE);
    }

    /**
     * How the customer can pay {@code amount} (rounded to the kopeck): to the provider's payee for a provider's
     * case, else to the deployment's. Empty when nothing is to be paid or nothing is configured. A QR code that the
     * standard's rules refuse for this customer (a purpose too long with their account) is left out, with a
     * warning naming the customer's id and the rule.
     *
     * @param providerId the case's {@code provider}, or null for a customer-wide case
     */
    public Optional<PaymentOffer> offer(String customerId, String providerId, BigDecimal amount) {
        Terms terms = providerId == null ? deploymentWide : byProvider.getOrDefault(providerId, deploymentWide);
        if (amount == null || amount.signum() <= 0 || terms.show() == Show.NONE) {
            return Optional.empty();
        }
        BigDecimal due = amount.setScale(2, RoundingMode.HALF_UP);
        String purpose = terms.purpose().replace("{customerId}", customerId);
        String link = terms.show().link() ? link(terms.link(), customerId, due, purpose) : null;
        String payload = null;
        if (terms.show().qr()) {
            try {
                payload = payload(terms.payee(), due, purpose, customerId).text();
            } catch (IllegalArgumentException e) {
                log.warn("No payment QR code for customer {}: {}", customerId, e.getMessage());
            }
        }
        if (link == null && payload == null) {
            return Optional.empty();
        }
        return Optional.of(new PaymentOffer(due, purpose, payload == null ? null : terms.payee().name().strip(), link,
                payload));
    }

    private GostPayload payload(Payee payee, BigDecimal amount, String purpose, String customerId) {
        return GostPayload.builder(encoding)
                .set(Field.NAME, strip(payee.name()))
                .set(Field.PERSONAL_ACC, strip(payee.personalAcc()))
                .set(Field.BANK_NAME, strip(payee.bankName()))
                .set(Field.BIC, strip(payee.bic()))
                .set(Field.CORRESP_ACC, strip(payee.correspAcc()))
                .sum(amount)
                .set(Field.PURPOSE, purpose)
                .set(Field.PAYEE_INN, strip(payee.inn()))
                .set(Field.KPP, strip(payee.kpp()))
                .set(Field.PERS_ACC, customerId)
                .build();
    }

    private static String link(String template, String customerId, BigDecimal amount, String purpose) {
        Map<String, String> values = Map.of("customerId", customerId, "amount", amount.toPlainString(),
                "kopecks", GostPayload.kopecks(amount), "purpose", purpose);
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder link = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(link,
                    Matcher.quoteReplacement(UriUtils.encode(values.get(placeholder.group(1)), StandardCharsets.UTF_8)));
        }
        placeholder.appendTail(link);
        return link.toString();
    }

    private Terms terms(String where, String showSetting, String purpose, String link, Payee payee,
            String ledgerCurrency) {
        checkPurpose(where + ".purpose", purpose);
        boolean hasPayee = !payee.isEmpty();
        if (hasPayee) {
            checkPayee(where, payee, purpose.strip(), ledgerCurrency);
        }
        boolean hasLink = link != null && !link.isBlank();
        if (hasLink) {
            checkLink(where + ".link", link.strip());
        }
        Show show;
        if (showSetting == null || showSetting.isBlank()) {
            show = hasPayee && hasLink ? Show.BOTH : hasPayee ? Show.QR : hasLink ? Show.LINK : Show.NONE;
        } else {
            try {
                show = Show.valueOf(showSetting.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".show must be qr, link, both or none, not '" + showSetting + "'");
            }
            if (show.qr() && !hasPayee) {
                throw new IllegalArgumentException(where + ".show=" + show.name().toLowerCase(Locale.ROOT)
                        + " needs the payee's requisites for the QR code (" + where + ".payee.name, .personal-acc, "
                        + ".bank-name, .bic, .corresp-acc)");
            }
            if (show.link() && !hasLink) {
                throw new IllegalArgumentException(where + ".show=" + show.name().toLowerCase(Locale.ROOT)
                        + " needs a payment link (" + where + ".link)");
            }
        }
        return new Terms(show, purpose.strip(), hasLink ? link.strip() : null, payee);
    }

    private void checkPayee(String where, Payee payee, String purpose, String ledgerCurrency) {
        String prefix = where + ".payee.";
        if (!"RUB".equalsIgnoreCase(ledgerCurrency)) {
            throw new IllegalArgumentException(prefix.substring(0, prefix.length() - 1) + ": GOST R 56042 QR codes are "
                    + "for payments in roubles, and dunning.ledger.currency is " + ledgerCurrency);
        }
        check(prefix + "name", Field.NAME, payee.name());
        check(prefix + "personal-acc", Field.PERSONAL_ACC, payee.personalAcc());
        check(prefix + "bank-name", Field.BANK_NAME, payee.bankName());
        check(prefix + "bic", Field.BIC, payee.bic());
        check(prefix + "corresp-acc", Field.CORRESP_ACC, payee.correspAcc());
        if (payee.inn() != null && !payee.inn().isBlank()) {
            check(prefix + "inn", Field.PAYEE_INN, payee.inn());
        }
        if (payee.kpp() != null && !payee.kpp().isBlank()) {
            check(prefix + "kpp", Field.KPP, payee.kpp());
        }
        try {
            // The requisites and the purpose together: each written in the encoding, a separator left free.
            payload(payee, BigDecimal.ONE, purpose.replace("{customerId}", "0"), "0");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix.substring(0, prefix.length() - 1) + " with " + PREFIX
                    + ".encoding=" + encoding.settingName() + " and the purpose: " + e.getMessage());
        }
    }

    private static void check(String setting, Field field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is missing: the QR code's " + field.key()
                    + " is mandatory (GOST R 56042-2014)");
        }
        field.problem(value.strip()).ifPresent(problem -> {
            throw new IllegalArgumentException(setting + ": " + problem + ", not '" + value.strip() + "'");
        });
    }

    private static void checkLink(String setting, String link) {
        if (!link.matches("https?://\\S+")) {
            throw new IllegalArgumentException(setting + " must be an http(s) address without spaces, not '" + link + "'");
        }
        unknownPlaceholder(link, LINK_PLACEHOLDERS).ifPresent(unknown -> {
            throw new IllegalArgumentException(setting + " has the unknown placeholder {" + unknown
                    + "}; it may use {customerId}, {amount}, {kopecks} and {purpose}");
        });
    }

    private static void checkPurpose(String setting, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty; a payment needs a purpose");
        }
        unknownPlaceholder(purpose, PURPOSE_PLACEHOLDERS).ifPresent(unknown -> {
            throw new IllegalArgumentException(setting + " has the unknown placeholder {" + unknown
                    + "}; it may use {customerId}");
        });
        Field.PURPOSE.problem(purpose.strip().replace("{customerId}", "0")).ifPresent(problem -> {
            throw new IllegalArgumentException(setting + ": " + problem);
        });
    }

    private static Optional<String> unknownPlaceholder(String text, Set<String> known) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!known.contains(placeholder.group(1))) {
                return Optional.of(placeholder.group(1));
            }
        }
        return Optional.empty();
    }

    private static String firstGiven(String own, String deploymentWide) {
        return own == null || own.isBlank() ? deploymentWide : own;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
