package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoticeTemplatesTest {

    /** The Russian thousands separator: a no-break space, narrow in newer JDKs' locale data (U+202F), plain in 17. */
    private static final String GROUPING = "[\u00a0\u202f]";
    /** A space in a formatted date: newer JDKs write «2026\u202fг.», 17 writes «2026 г.». */
    private static final String DATE_SPACE = "[ \u00a0\u202f]";

    @TempDir
    Path home;

    private Map<String, Object> model() {
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", "Иван Петров");
        model.put("caseId", "case-1");
        model.put("currency", "RUB");
        model.put("realDebt", new BigDecimal("12345.67"));
        model.put("conditionalDebt", new BigDecimal("12345.6"));
        model.put("balance", new BigDecimal("15000"));
        model.put("oldestDueOn", LocalDate.of(2026, 2, 10));
        model.put("today", LocalDate.of(2026, 3, 2));
        model.put("companyName", "Dunning demo");
        return model;
    }

    @Test
    void theRussianFirstReminderShowsTheAmountAndDatesTheRussianWay() {
        var notice = TestSettings.templates(home).render("ru", "first-reminder", model());

        assertThat(notice.subject()).isEqualTo("Напоминание об оплате — Dunning demo");
        assertThat(notice.body())
                .startsWith("Здравствуйте, Иван Петров!")
                .containsPattern("задолженность 12" + GROUPING + "345,60 RUB")
                .containsPattern("на 2 марта 2026" + DATE_SPACE + "г\\.")
                .containsPattern("\\(срок оплаты самого раннего неоплаченного счёта истёк 10 февраля 2026" + DATE_SPACE + "г\\.\\)\\.")
                .endsWith("Dunning demo");
    }

    @Test
    void theEnglishFirstReminderShowsTheAmountAndDatesTheEnglishWay() {
        Map<String, Object> model = model();
        model.put("customerName", "John Smith");

        var notice = TestSettings.templates(home).render("en", "first-reminder", model);

        assertThat(notice.subject()).isEqualTo("Payment reminder from Dunning demo");
        assertThat(notice.body())
                .startsWith("Dear John Smith,")
                .contains("outstanding amount of 12,345.60 RUB")
                .contains("as of March 2, 2026")
                .contains("due on February 10, 2026");
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource({
            "ru, first-reminder", "ru, second-reminder", "ru, pretrial-claim", "ru, thank-you",
            "en, first-reminder", "en, second-reminder", "en, pretrial-claim", "en, thank-you",
            "ru, restriction-warning", "ru, polite-reminder", "en, restriction-warning", "en, polite-reminder"})
    void everyShippedTemplateHasASubjectAndRendersWithAndWithoutTheOptionalValues(String locale, String template) {
        NoticeTemplates templates = TestSettings.templates(home);
        Map<String, Object> everything = model();
        everything.put("promisedOn", LocalDate.of(2026, 3, 10));
        everything.put("promisedAmount", new BigDecimal("5000.00"));
        Map<String, Object> onlyRequired = model();
        onlyRequired.put("oldestDueOn", null);
        onlyRequired.remove("caseId");

        for (Map<String, Object> model : List.of(everything, onlyRequired)) {
            var notice = templates.render(locale, template, model);

            assertThat(notice.subject()).contains("Dunning demo").doesNotContain("\n");
            assertThat(notice.body()).contains("Dunning demo").doesNotContain("..").doesNotContain("\n\n\n");
        }
    }

    @Test
    void thePretrialClaimStatesTheAmountTheCaseAndThirtyDaysToAnswer() {
        var notice = TestSettings.templates(home).render("ru", "pretrial-claim", model());

        assertThat(notice.subject()).startsWith("Досудебная претензия");
        assertThat(notice.body())
                .containsPattern("в размере 12" + GROUPING + "345,60 RUB")
                .contains("Номер дела: case-1")
                .contains("30 (тридцати) календарных дней")
                .contains("обратиться в суд");
    }

    @Test
    void theSecondReminderMentionsAPromiseOnlyWhenTheCustomerMadeOne() {
        NoticeTemplates templates = TestSettings.templates(home);
        Map<String, Object> promised = model();
        promised.put("promisedOn", LocalDate.of(2026, 3, 10));
        promised.put("promisedAmount", new BigDecimal("5000.00"));

        assertThat(templates.render("ru", "second-reminder", promised).body())
                .containsPattern("Вы обещали оплатить до 10 марта 2026" + DATE_SPACE + "г\\. сумму 5" + GROUPING + "000,00 RUB\\.");
        assertThat(templates.render("ru", "second-reminder", model()).body())
                .doesNotContain("обещали")
                .doesNotContain("\n\n\n");
    }

    @Test
    void aMissingTemplateFailsNamingTheFileThatShouldExist() {
        assertThatThrownBy(() -> TestSettings.templates(home).render("ru", "final-warning", model()))
                .isInstanceOf(NoticeTemplateException.class)
                .hasMessageContaining("templates/notices/ru/final-warning.ftl")
                .hasMessageContaining("does not exist")
                .extracting(e -> ((NoticeTemplateException) e).file()).isEqualTo("templates/notices/ru/final-warning.ftl");
    }

    @Test
    void aValueTheModelLacksFailsNamingTheFileAndLine() throws IOException {
        write("ru/broken.ftl", """
                <#assign subject>Тема</#assign>
                Здравствуйте!
                Ваш долг: ${debtThatNobodyPasses}
                """);

        assertThatThrownBy(() -> TestSettings.templates(home).render("ru", "broken", model()))
                .isInstanceOf(NoticeTemplateException.class)
                .hasMessageContaining("templates/notices/ru/broken.ftl")
                .hasMessageContaining("line 3")
                .hasMessageContaining("debtThatNobodyPasses");
    }

    @Test
    void aSyntaxErrorFailsNamingTheFileAndLine() throws IOException {
        write("ru/unclosed.ftl", """
                <#assign subject>Тема</#assign>
                <#if balance > 0>
                Долг есть.
                """);

        assertThatThrownBy(() -> TestSettings.templates(home).render("ru", "unclosed", model()))
                .isInstanceOf(NoticeTemplateException.class)
                .hasMessageContaining("templates/notices/ru/unclosed.ftl")
                .hasMessageContaining("line ");
    }

    @Test
    void aTemplateWithoutSubjectIsRefused() throws IOException {
        write("ru/no-subject.ftl", "Здравствуйте, ${customerName}!\n");

        assertThatThrownBy(() -> TestSettings.templates(home).render("ru", "no-subject", model()))
                .isInstanceOf(NoticeTemplateException.class)
                .hasMessageContaining("templates/notices/ru/no-subject.ftl")
                .hasMessageContaining("<#assign subject>");
    }

    @Test
    void aLineBreakInTheSubjectCannotStartAnotherMailHeader() throws IOException {
        write("ru/named-subject.ftl", "<#assign subject>Для ${customerName}</#assign>\nТекст\n");
        Map<String, Object> model = model();
        model.put("customerName", "Иван\r\nBcc: someone@example.org");

        var notice = TestSettings.templates(home).render("ru", "named-subject", model);

        assertThat(notice.subject()).isEqualTo("Для Иван Bcc: someone@example.org");
    }

    @Test
    void aCopyInTheHomeFolderReplacesThePackagedTemplate() throws IOException {
        write("ru/thank-you.ftl", "<#assign subject>Спасибо!</#assign>\nСпасибо, ${customerName}. ${companyName}\n");

        var notice = TestSettings.templates(home).render("ru", "thank-you", model());

        assertThat(notice.subject()).isEqualTo("Спасибо!");
        assertThat(notice.body()).isEqualTo("Спасибо, Иван Петров. Dunning demo");
    }

    @Test
    void templatesCannotInstantiateJavaClasses() throws IOException {
        write("ru/sneaky.ftl", """
                <#assign subject>Тема</#assign>
                <#assign run = "freemarker.template.utility.Execute"?new()>${run("id")}
                """);

        assertThatThrownBy(() -> TestSettings.templates(home).render("ru", "sneaky", model()))
                .isInstanceOf(NoticeTemplateException.class)
                .hasMessageContaining("line 2");
    }

    @ParameterizedTest(name = "customer locale {0} -> {1}")
    @CsvSource(nullValues = "null", value = {"en, en", "en-GB, en", "en_US, en", "ru, ru", "de, ru", "null, ru", "'', ru",
            "../../etc, ru"})
    void theCustomersLocaleIsUsedWhenTheTemplateExistsInItElseRussian(String customerLocale, String expected) {
        assertThat(TestSettings.templates(home).localeFor(customerLocale, "first-reminder")).isEqualTo(expected);
    }

    @Test
    void aTemplateNameThatIsNotAPlainNameIsRefused() {
        assertThatThrownBy(() -> TestSettings.templates(home).render("ru", "../../application", model()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../../application");
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = home.resolve("templates/notices").resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
