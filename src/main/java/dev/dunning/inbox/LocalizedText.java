package dev.dunning.inbox;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A text of a form (a title, a label, a help text) for people who work in different languages. A form file
 * gives either a plain string, which serves every language, or an object with a text per language,
 * {@code {"en": "Outcome", "ru": "Результат"}}. The REST API shows it as the file has it, so a client reads
 * a plain string or picks its language from the object (falling back like {@link #in(Locale)}).
 *
 * @param anyLanguage the text given without a language, or null
 * @param byLanguage  the texts by lower-case language code in the order of the file; empty for a plain text
 */
public record LocalizedText(String anyLanguage, Map<String, String> byLanguage) {

    /** The language a text falls back to when the one asked for is missing. */
    public static final String FALLBACK_LANGUAGE = "en";
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public LocalizedText {
        if (anyLanguage != null && anyLanguage.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        if (byLanguage != null) {
            byLanguage.forEach((language, text) -> {
                String code = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
                if (!LANGUAGE.matcher(code).matches()) {
                    throw new IllegalArgumentException("'" + language + "' is not a language code like en or ru");
                }
                if (text == null || text.isBlank()) {
                    throw new IllegalArgumentException("the '" + code + "' text must not be empty");
                }
                if (texts.put(code, text.strip()) != null) {
                    throw new IllegalArgumentException("gives the '" + code + "' text twice");
                }
            });
        }
        if ((anyLanguage == null) == texts.isEmpty()) {
            throw new IllegalArgumentException(anyLanguage == null
                    ? "needs a text, or texts by language like {\"en\": \"...\", \"ru\": \"...\"}"
                    : "is either a plain text or texts by language, not both");
        }
        anyLanguage = anyLanguage == null ? null : anyLanguage.strip();
        byLanguage = Collections.unmodifiableMap(texts);
    }

    /** A text for every language. */
    public static LocalizedText of(String text) {
        return new LocalizedText(text, Map.of());
    }

    /** A text per language ({@code en}, {@code ru}...). */
    public static LocalizedText of(Map<String, String> byLanguage) {
        return new LocalizedText(null, byLanguage);
    }

    /** From a form file: a string, or an object of strings by language. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LocalizedText fromJson(JsonNode json) {
        if (json.isTextual()) {
            return of(json.textValue());
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("must be a text or texts by language like {\"en\": \"...\", \"ru\": \"...\"},"
                    + " not " + json.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("the '" + entry.getKey() + "' text must be a string");
            }
            texts.put(entry.getKey(), entry.getValue().textValue());
        }
        return of(texts);
    }

    /** As the form file has it: the plain string, or the object of texts by language. */
    @JsonValue
    Object json() {
        return anyLanguage != null ? anyLanguage : byLanguage;
    }

    /** The text in the locale's language, else in English, else in the first language the file gives. */
    public String in(Locale locale) {
        if (anyLanguage != null) {
            return anyLanguage;
        }
        String text = locale == null ? null : byLanguage.get(locale.getLanguage());
        if (text == null) {
            text = byLanguage.get(FALLBACK_LANGUAGE);
        }
        return text != null ? text : byLanguage.values().iterator().next();
    }

    @Override
    public String toString() {
        return in(Locale.ENGLISH);
    }
}
