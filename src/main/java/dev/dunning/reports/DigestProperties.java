package dev.dunning.reports;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * Settings of the managers' daily digest ({@code dunning.digest.*}).
 *
 * @param enabled          whether the digest is sent at all
 * @param cron             when, in business time (the clock's zone); after the 06:00 evaluation by default
 * @param locale           the language of the digest: the folder under {@code templates/digest/}
 * @param extraRecipients  addresses that get the digest besides the managers who have an email
 * @param from             the sender; {@code dunning.notify.email.from} when not set
 */
@ConfigurationProperties("dunning.digest")
record DigestProperties(@DefaultValue("true") boolean enabled, @DefaultValue(DigestProperties.DEFAULT_CRON) String cron,
        @DefaultValue("ru") String locale, @DefaultValue List<String> extraRecipients, String from) {

    static final String DEFAULT_CRON = "0 30 7 * * *";
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,2}");

    DigestProperties {
        if (cron == null || !CronExpression.isValidExpression(cron.strip())) {
            throw new IllegalArgumentException("dunning.digest.cron must be a cron expression of six fields (second"
                    + " minute hour day month weekday), such as '" + DEFAULT_CRON + "', not '" + cron + "'");
        }
        cron = cron.strip();
        if (locale == null || !LOCALE.matcher(locale.strip()).matches()) {
            throw new IllegalArgumentException("dunning.digest.locale must be a locale such as ru or en, not '" + locale
                    + "'");
        }
        locale = locale.strip();
        extraRecipients = extraRecipients == null ? List.of()
                : extraRecipients.stream().map(String::strip).filter(address -> !address.isEmpty()).toList();
        for (String address : extraRecipients) {
            if (!isEmail(address)) {
                throw new IllegalArgumentException("dunning.digest.extra-recipients must be email addresses separated"
                        + " by commas; '" + address + "' is not one");
            }
        }
        from = from == null || from.isBlank() ? null : from.strip();
    }

    private static boolean isEmail(String address) {
        try {
            new jakarta.mail.internet.InternetAddress(address, true).validate();
            return address.contains("@");
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }
}
