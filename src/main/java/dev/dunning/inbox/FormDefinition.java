package dev.dunning.inbox;

import java.util.List;
import java.util.Map;

/**
 * A user task's form, from {@code forms/<key>.form.json}: what the person must answer and what
 * becomes of it (each field's value is stored as the process variable named by its id).
 */
public record FormDefinition(String key, String title, List<Field> fields) {

    /**
     * @param type          choice, date, amount or text
     * @param requiredWhen  the field is required when the given other fields have the given values
     * @param notBeforeToday for dates: must not lie in the past
     */
    public record Field(String id, String label, String type, boolean required, List<Option> options,
            Map<String, String> requiredWhen, boolean notBeforeToday, Integer maxLength) {
    }

    public record Option(String value, String label) {
    }
}
