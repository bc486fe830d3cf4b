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
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import dev.dunning.clock.BusinessClock;
import dev.dunning.files.EditableFiles;

/** Loads forms from {@code forms/} (disk over jar) and turns submitted values into typed variables. */
@Component
class Forms {

    static final String FOLDER = "forms";
    static final String FILE_SUFFIX = ".form.json";
    /** Form files are read strictly: a misspelt property ("requierd") is an error, not silently nothing. */
    private static final ObjectReader FORM_READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readerFor(FormDefinition.class);
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final EditableFiles files;
    private final BusinessClock clock;

    Forms(EditableFiles files, BusinessClock clock) {
        this.files = files;
        this.clock = clock;
    }

    /**
     * The form {@code forms/<key>.form.json}, checked.
     *
     * @throws NoSuchElementException   when there is no such file
     * @throws InvalidFormFileException when the file is not a usable form, naming the file and every problem
     */
    FormDefinition get(String key) {
        String file = FOLDER + "/" + key + FILE_SUFFIX;
        var resource = files.find(FOLDER, key + FILE_SUFFIX)
                .orElseThrow(() -> new NoSuchElementException("no form '" + file + "'"));
        try (InputStream in = resource.getInputStream()) {
            return parse(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException("form '" + file + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a form file: unknown properties, missing texts, unknown types, choices without options and
     * conditions on fields that do not exist are refused, each named with where it is ({@code fields[1].label}).
     *
     * @param file the file's name as people know it ({@code forms/call-debtor.form.json})
     * @throws InvalidFormFileException listing every problem
     */
    static FormDefinition parse(String file, InputStream json) throws IOException {
        FormDefinition form;
        try {
            form = FORM_READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFormFileException(file, List.of(describe(e)));
        }
        if (form == null) {
            throw new InvalidFormFileException(file, List.of("the file is empty"));
        }
        List<String> problems = check(form, file);
        if (!problems.isEmpty()) {
            throw new InvalidFormFileException(file, problems);
        }
        return form;
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

    private static List<String> check(FormDefinition form, String file) {
        List<String> problems = new ArrayList<>();
        String expectedKey = file.substring(file.lastIndexOf('/') + 1).replace(FILE_SUFFIX, "");
        if (form.key() == null || form.key().isBlank()) {
            problems.add("key: is required (the file's name without " + FILE_SUFFIX + ")");
        } else if (file.endsWith(FILE_SUFFIX) && !form.key().equals(expectedKey)) {
            problems.add("key: '" + form.key() + "' differs from the file's name; tasks find the form by '" + expectedKey
                    + "'");
        }
        if (form.title() == null) {
            problems.add("title: is required");
        }
        if (form.fields() == null || form.fields().isEmpty()) {
            problems.add("fields: a form needs at least one field");
            return problems;
        }
        Map<String, FormDefinition.Field> byId = new LinkedHashMap<>();
        for (int index = 0; index < form.fields().size(); index++) {
            FormDefinition.Field field = form.fields().get(index);
            String where = "fields[" + index + "]";
            if (field == null) {
                problems.add(where + ": is empty");
                continue;
            }
            if (field.id() == null || !VARIABLE_NAME.matcher(field.id()).matches()) {
                problems.add(where + ".id: '" + field.id() + "' is not a name like promisedOn (letters, digits, _;"
                        + " it becomes a process variable)");
            } else if (byId.putIfAbsent(field.id(), field) != null) {
                problems.add(where + ".id: '" + field.id() + "' is the id of an earlier field too");
            }
            if (field.label() == null) {
                problems.add(where + ".label: is required");
            }
            if (field.type() == null || !FormDefinition.TYPES.contains(field.type())) {
                problems.add(where + ".type: '" + field.type() + "' is not one of " + FormDefinition.TYPES);
            }
            problems.addAll(checkOptions(field, where));
            if (field.notBeforeToday() && !"date".equals(field.type())) {
                problems.add(where + ".notBeforeToday: only a date field can have it");
            }
            if (field.maxLength() != null && (!"text".equals(field.type()) || field.maxLength() < 1)) {
                problems.add(where + ".maxLength: only a text field can have it, and it must be at least 1");
            }
        }
        for (int index = 0; index < form.fields().size(); index++) {
            FormDefinition.Field field = form.fields().get(index);
            if (field == null || field.requiredWhen() == null) {
                continue;
            }
            field.requiredWhen().forEach((other, value) -> {
                FormDefinition.Field condition = byId.get(other);
                if (condition == null || condition == field) {
                    problems.add("fields[" + form.fields().indexOf(field) + "].requiredWhen: '" + other
                            + "' is not another field of the form");
                } else if (condition.options() != null
                        && condition.options().stream().noneMatch(option -> option != null && Objects.equals(option.value(), value))) {
                    problems.add("fields[" + form.fields().indexOf(field) + "].requiredWhen: '" + value
                            + "' is not an option of '" + other + "'");
                }
            });
        }
        return problems;
    }

    private static List<String> checkOptions(FormDefinition.Field field, String where) {
        List<String> problems = new ArrayList<>();
        boolean choice = "choice".equals(field.type());
        if (!choice) {
            if (field.options() != null) {
                problems.add(where + ".options: only a choice field has options");
            }
            return problems;
        }
        if (field.options() == null || field.options().isEmpty()) {
            problems.add(where + ".options: a choice needs at least one option");
            return problems;
        }
        List<String> values = new ArrayList<>();
        for (int index = 0; index < field.options().size(); index++) {
            FormDefinition.Option option = field.options().get(index);
            String at = where + ".options[" + index + "]";
            if (option == null || option.value() == null || option.value().isBlank()) {
                problems.add(at + ".value: is required");
                continue;
            }
            if (values.contains(option.value())) {
                problems.add(at + ".value: '" + option.value() + "' is offered twice");
            }
            values.add(option.value());
            if (option.label() == null) {
                problems.add(at + ".label: is required");
            }
        }
        return problems;
    }

    /** What is wrong with the JSON, and where: {@code fields[1].label: must be a text or ...}. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String where = path(mapping.getPath());
            if (e instanceof UnrecognizedPropertyException unknown) {
                return where + ": is not a property a form knows"
                        + (unknown.getKnownPropertyIds() == null ? "" : " (known here: " + unknown.getKnownPropertyIds() + ")");
            }
            if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException problem) {
                return where + ": " + problem.getMessage();
            }
            if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return where + ": must be " + expected(mismatch.getTargetType());
            }
            return where + ": " + e.getOriginalMessage();
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return "not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage();
        }
        return "not a form: " + e.getOriginalMessage();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a text";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list [...]";
        }
        return "an object {...}";
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
