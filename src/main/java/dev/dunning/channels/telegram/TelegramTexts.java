package dev.dunning.channels.telegram;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What the bot says, in the notice's language: {@code telegram_<language>.properties} beside this class
 * ({@code ru}, {@code en}); another language falls back to {@code dunning.notify.default-locale}, then English.
 */
final class TelegramTexts {

    private static final String BUNDLE = "dev.dunning.channels.telegram.telegram";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String defaultLocale;

    TelegramTexts(String defaultLocale) {
        this.defaultLocale = defaultLocale;
    }

    /** The language the bot can speak that is closest to {@code wanted}. */
    String locale(String wanted) {
        for (String candidate : new String[] {wanted, defaultLocale}) {
            if (candidate != null && bundle(language(candidate)) != null) {
                return language(candidate);
            }
        }
        return "en";
    }

    /** The text under {@code key}, with {@code {0}} replaced by the value given. */
    String text(String locale, String key, String value) {
        ResourceBundle bundle = bundle(locale(locale));
        String text = bundle.getString(key);
        return value == null ? text : text.replace("{0}", value);
    }

    String text(String locale, String key) {
        return text(locale, key, null);
    }

    String date(String locale, LocalDate date) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(locale(locale)))
                .format(date);
    }

    private static String language(String locale) {
        return locale.strip().split("[_-]")[0].toLowerCase(Locale.ROOT);
    }

    private static ResourceBundle bundle(String language) {
        if (!language.matches("[a-z]{2,3}")) {
            return null;
        }
        try {
            return ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language), TelegramTexts.class.getClassLoader(),
                    NO_FALLBACK);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
