package dev.dunning.inbox;

import java.util.List;
import java.util.Map;

/**
 * A user task's form, from {@code forms/<key>.form.json}: what the person must answer and what
 * becomes of it (each field's value is stored as the process variable named by its id). Titles, labels and
 * help texts are {@link LocalizedText}s: a plain string, or {@code {"en": "...", "ru": "..."}}.
 */
public record FormDefinition(String key, LocalizedText title, List<Field> fields) {

    /** The field types a form may use. */
    public static final List<String> TYPES = List.of("choice", "date", "amount", "text");

    /**
     * @param help          an optional longer explanation shown with the field
     * @param type          choice, date, amount or text
     * @param requiredWhen  the field is required when the given other fields have the given values
     * @param notBeforeToday for dates: must not lie in the past
     */
    public record Field(String id, LocalizedText label, LocalizedText help, String type, boolean required,
            List<Option> options, Map<String, String> requiredWhen, boolean notBeforeToday, Integer maxLength) {
    }

    public record Option(String value, LocalizedText label) {
    }
}
