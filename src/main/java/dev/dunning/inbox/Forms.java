package dev.dunning.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dunning.clock.BusinessClock;
import dev.dunning.files.EditableFiles;

/** Loads forms from {@code forms/} (disk over jar) and turns submitted values into typed variables. */
@Component
class Forms {

    private final EditableFiles files;
    private final ObjectMapper json;
    private final BusinessClock clock;

    Forms(EditableFiles files, ObjectMapper json, BusinessClock clock) {
        this.files = files;
        this.json = json;
        this.clock = clock;
    }

    FormDefinition get(String key) {
        var resource = files.find("forms", key + ".form.json")
                .orElseThrow(() -> new NoSuchElementException("no form 'forms/" + key + ".form.json'"));
        try (InputStream in = resource.getInputStream()) {
            return json.readValue(in, FormDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("form 'forms/" + key + ".form.json' cannot be read: " + e.getMessage(), e);
        }
    }

    /** Typed values for the fields that were given; throws {@link InvalidFormException} listing every problem. */
    Map<String, Object> read(FormDefinition form, Map<String, Object> submitted) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Map<String, String>> errors = new ArrayList<>();
        for (String name : submitted.keySet()) {
            if (form.fields().stream().noneMatch(field -> field.id().equals(name))) {
                errors.add(error(name, "is not a field of form '" + form.key() + "'"));
            }
        }
        for (FormDefinition.Field field : form.fields()) {
            Object raw = submitted.get(field.id());
            String text = raw == null ? null : String.valueOf(raw).trim();
            if (text == null || text.isEmpty()) {
                if (field.required() || requiredNow(field, submitted)) {
                    errors.add(error(field.id(), "is required" + (field.required() ? "" : " here")));
                }
                continue;
            }
            try {
                values.put(field.id(), convert(field, text));
            } catch (IllegalArgumentException e) {
                errors.add(error(field.id(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFormException(form.key(), errors);
        }
        return values;
    }

    private boolean requiredNow(FormDefinition.Field field, Map<String, Object> submitted) {
        return field.requiredWhen() != null && !field.requiredWhen().isEmpty()
                && field.requiredWhen().entrySet().stream()
                        .allMatch(when -> Objects.equals(when.getValue(), String.valueOf(submitted.get(when.getKey()))));
    }

    private Object convert(FormDefinition.Field field, String text) {
        switch (field.type()) {
            case "choice" -> {
                if (field.options().stream().noneMatch(option -> option.value().equals(text))) {
                    throw new IllegalArgumentException("'" + text + "' is not one of "
                            + field.options().stream().map(FormDefinition.Option::value).toList());
                }
                return text;
            }
            case "date" -> {
                LocalDate date;
                try {
                    date = LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a date like 2026-03-31");
                }
                if (field.notBeforeToday() && date.isBefore(clock.today())) {
                    throw new IllegalArgumentException(date + " is in the past (today is " + clock.today() + ")");
                }
                return date;
            }
            case "amount" -> {
                BigDecimal amount;
                try {
                    amount = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an amount like 1250.50");
                }
                if (amount.signum() <= 0 || amount.scale() > 2) {
                    throw new IllegalArgumentException("must be a positive amount with at most 2 decimals");
                }
                return amount;
            }
            case "text" -> {
                if (field.maxLength() != null && text.length() > field.maxLength()) {
                    throw new IllegalArgumentException("is longer than " + field.maxLength() + " characters");
                }
                return text;
            }
            default -> throw new IllegalArgumentException("has an unknown type '" + field.type() + "' in the form file");
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
