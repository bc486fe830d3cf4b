package dev.dunning.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Form files: texts in one language or several, and broken files named with what is wrong and where. */
class FormFilesTest {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    @Test
    void aPlainStringServesEveryLanguage() throws IOException {
        FormDefinition form = parse("""
                {"key": "simple", "title": "Call the debtor",
                 "fields": [{"id": "note", "label": "Note", "type": "text"}]}""");

        assertThat(form.title().in(Locale.ENGLISH)).isEqualTo("Call the debtor");
        assertThat(form.title().in(RUSSIAN)).isEqualTo("Call the debtor");
        assertThat(form.fields().get(0).label().in(Locale.GERMAN)).isEqualTo("Note");
        assertThat(form.fields().get(0).help()).isNull();
    }

    @Test
    void anObjectGivesATextPerLanguageForTitlesLabelsOptionsAndHelp() throws IOException {
        FormDefinition form = parse("""
                {"key": "simple", "title": {"en": "Call the debtor", "ru": "Позвонить должнику"},
                 "fields": [{"id": "outcome", "type": "choice", "required": true,
                             "label": {"en": "Outcome", "ru": "Результат"},
                             "help": {"en": "What the debtor said", "ru": "Что ответил должник"},
                             "options": [{"value": "refused", "label": {"en": "Refuses", "ru": "Отказывается"}}]}]}""");

        assertThat(form.title().in(RUSSIAN)).isEqualTo("Позвонить должнику");
        assertThat(form.title().in(Locale.ENGLISH)).isEqualTo("Call the debtor");
        FormDefinition.Field outcome = form.fields().get(0);
        assertThat(outcome.label().in(RUSSIAN)).isEqualTo("Результат");
        assertThat(outcome.help().in(RUSSIAN)).isEqualTo("Что ответил должник");
        assertThat(outcome.options().get(0).label().in(Locale.forLanguageTag("en-GB"))).isEqualTo("Refuses");
    }

    @Test
    void aMissingLanguageFallsBackToEnglishThenToTheFirstLanguageGiven() {
        LocalizedText withEnglish = LocalizedText.of(Map.of("ru", "Результат", "en", "Outcome"));
        LocalizedText withoutEnglish = LocalizedText.of(Map.of("ru", "Результат"));

        assertThat(withEnglish.in(Locale.GERMAN)).isEqualTo("Outcome");
        assertThat(withoutEnglish.in(Locale.ENGLISH)).isEqualTo("Результат");
        assertThat(withoutEnglish.in(null)).isEqualTo("Результат");
    }

    @Test
    void theApiShowsATextAsTheFileHasIt() throws IOException {
        FormDefinition form = parse("""
                {"key": "simple", "title": "Plain",
                 "fields": [{"id": "note", "label": {"en": "Note", "ru": "Комментарий"}, "type": "text"}]}""");

        String json = new ObjectMapper().writeValueAsString(form);

        assertThat(json).contains("\"title\":\"Plain\"").contains("\"label\":{\"en\":\"Note\",\"ru\":\"Комментарий\"}");
    }

    @Test
    void aTextThatIsNeitherAStringNorAnObjectOfStringsIsRefusedWithWhereItIs() {
        assertThatThrownBy(() -> parse("""
                {"key": "simple", "title": "T",
                 "fields": [{"id": "a", "label": "A", "type": "text"},
                            {"id": "b", "label": 42, "type": "text"}]}"""))
                .isInstanceOfSatisfying(InvalidFormFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("forms/simple.form.json");
                    assertThat(e.problems()).singleElement().asString()
                            .startsWith("fields[1].label: must be a text or texts by language");
                    assertThat(e.getMessage()).contains("forms/simple.form.json");
                });
        assertThatThrownBy(() -> parse("""
                {"key": "simple", "title": {"en": "T", "ru": ["Т"]}, "fields": [{"id": "a", "label": "A", "type": "text"}]}"""))
                .isInstanceOfSatisfying(InvalidFormFileException.class, e -> assertThat(e.problems())
                        .containsExactly("title: the 'ru' text must be a string"));
        assertThatThrownBy(() -> parse("""
                {"key": "simple", "title": {"english": "T"}, "fields": [{"id": "a", "label": {}, "type": "text"}]}"""))
                .isInstanceOfSatisfying(InvalidFormFileException.class, e -> assertThat(e.problems())
                        .containsExactly("title: 'english' is not a language code like en or ru"));
    }

    @Test
    void invalidJsonIsRefusedWithTheFileTheLineAndTheProblem() {
        assertThatThrownBy(() -> parse("""
                {"key": "simple",
                 "title": "T",,
                 "fields": []}"""))
                .isInstanceOfSatisfying(InvalidFormFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("forms/simple.form.json");
                    assertThat(e.problems()).singleElement().asString().startsWith("not valid JSON at line 2, column");
                });
    }

    @Test
    void aMisspeltPropertyIsAnErrorNotSilentlyNothing() {
        assertThatThrownBy(() -> parse("""
                {"key": "simple", "title": "T", "fields": [{"id": "a", "label": "A", "type": "text", "requierd": true}]}"""))
                .isInstanceOfSatisfying(InvalidFormFileException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("fields[0].requierd: is not a property a form knows"));
    }

    @Test
    void everyProblemOfAFormIsListedAtOnce() {
        assertThatThrownBy(() -> parse("""
                {"key": "other",
                 "fields": [{"id": "outcome", "label": "Outcome", "type": "choice"},
                            {"id": "outcome", "label": "Again", "type": "number"},
                            {"id": "on", "type": "date", "requiredWhen": {"outcome": "paid", "missing": "x"}},
                            {"id": "amount", "label": "Amount", "type": "amount", "maxLength": 10}]}"""))
                .isInstanceOfSatisfying(InvalidFormFileException.class, e -> assertThat(e.problems()).containsExactly(
                        "key: 'other' differs from the file's name; tasks find the form by 'simple'",
                        "title: is required",
                        "fields[0].options: a choice needs at least one option",
                        "fields[1].id: 'outcome' is the id of an earlier field too",
                        "fields[1].type: 'number' is not one of [choice, date, amount, text]",
                        "fields[2].label: is required",
                        "fields[3].maxLength: only a text field can have it, and it must be at least 1",
                        "fields[2].requiredWhen: 'missing' is not another field of the form"));
    }

    @Test
    void aConditionOnAChoiceMustNameOneOfItsOptions() {
        assertThatThrownBy(() -> parse("""
                {"key": "simple", "title": "T",
                 "fields": [{"id": "outcome", "label": "Outcome", "type": "choice", "options": [{"value": "paid", "label": "Paid"}]},
                            {"id": "on", "label": "On", "type": "date", "requiredWhen": {"outcome": "promised"}}]}"""))
                .isInstanceOfSatisfying(InvalidFormFileException.class, e -> assertThat(e.problems())
                        .containsExactly("fields[1].requiredWhen: 'promised' is not an option of 'outcome'"));
    }

    @Test
    void everyShippedFormIsValidAndSpeaksEnglishAndRussianEverywhere() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("forms"))) {
            files = listed.filter(path -> path.toString().endsWith(Forms.FILE_SUFFIX)).sorted().toList();
        }
        assertThat(files).extracting(path -> path.getFileName().toString()).contains("call-debtor.form.json",
                "legal-case.form.json", "review-dispute.form.json", "approve-write-off.form.json");
        for (Path file : files) {
            FormDefinition form;
            try (InputStream in = Files.newInputStream(file)) {
                form = Forms.parse("forms/" + file.getFileName(), in);
            }
            bothLanguages(form.key() + " title", form.title());
            for (FormDefinition.Field field : form.fields()) {
                bothLanguages(form.key() + " " + field.id(), field.label());
                if (field.help() != null) {
                    bothLanguages(form.key() + " " + field.id() + " help", field.help());
                }
                if (field.options() != null) {
                    field.options().forEach(option -> bothLanguages(form.key() + " " + option.value(), option.label()));
                }
            }
        }
    }

    private static void bothLanguages(String what, LocalizedText text) {
        assertThat(text.byLanguage()).as(what).containsOnlyKeys("en", "ru");
    }

    private static FormDefinition parse(String json) throws IOException {
        return Forms.parse("forms/simple.form.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
