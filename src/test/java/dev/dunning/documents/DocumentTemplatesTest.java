package dev.dunning.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dunning.files.EditableFiles;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Statement;
import dev.dunning.notify.NoticeSummary;
import dev.dunning.timeline.TimelineEvent;

/** The shipped document templates, and what an admin is told when an edited one is broken. */
class DocumentTemplatesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    @TempDir
    Path home;

    private DocumentTemplates templates() {
        return new DocumentTemplates(editableFiles(home), "ru");
    }

    private static Map<String, Object> model(String locale) {
        Customer customer = new Customer("C-1", "Иван Петров", "individual", null, null, null, locale, null, null,
                "ул. Ленина, д. 1, Казань", null);
        Statement statement = new Statement("C-1", List.of(
                new Statement.Invoice("INV-1", "K-1", "internet", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 21),
                        new BigDecimal("1000.00"), new BigDecimal("400.00"), new BigDecimal("600.00")),
                new Statement.Invoice("INV-2", null, null, null, LocalDate.of(2026, 3, 20),
                        new BigDecimal("300.00"), new BigDecimal("0.00"), new BigDecimal("300.00"))),
                List.of(new Statement.Payment("PAY-1", LocalDate.of(2026, 2, 1), new BigDecimal("400.00"), true, null,
                        List.of(new Statement.Allocation("INV-1", new BigDecimal("400.00")))),
                        new Statement.Payment("PAY-2", LocalDate.of(2026, 2, 2), new BigDecimal("50.00"), false, null,
                                List.of())));
        Map<String, Object> model = DocumentModels.of("Dunning demo", customer, "case-1", TODAY, "RUB", 14, statement);
        model.putAll(DocumentModels.ofHistory(
                List.of(new NoticeSummary("n-1", "case-1", "first-reminder", "email", "Reminder", "sent",
                        Instant.parse("2026-02-01T09:00:00Z"), Instant.parse("2026-02-01T09:00:05Z"), "delivered", null)),
                List.of(new TimelineEvent(1, "C-1", "case-1", Instant.parse("2026-02-03T10:00:00Z"), "task-completed",
                        "collector", "callDebtor: refused")),
                ZoneId.of("Europe/Moscow")));
        model.put("lang", locale);
        return model;
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            // Bold runs are drawn after the line they sit in; read the page as it looks.
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("[\u00a0\u202f]", " ").replaceAll("\\s+", " ");
        }
    }

    private String pdfText(String locale, String template) throws IOException {
        String xhtml = templates().render(locale, template, model(locale));
        return text(PdfLayout.pdf(xhtml, "Document", template));
    }

    @Test
    void theRussianClaimDemandsTheOverdueDebtWithinTheDaysGivenAndNamesTheCourt() throws IOException {
        String claim = pdfText("ru", "pretrial-claim.ftlh");

        assertThat(claim).contains("ДОСУДЕБНАЯ ПРЕТЕНЗИЯ").contains("Иван Петров").contains("ул. Ленина, д. 1, Казань")
                .contains("600,00 RUB").contains("в течение 14 календарных дней").contains("обратится в суд")
                .contains("INV-1").contains("21.01.2026").contains("счёт INV-1: 400,00")
                .contains("не подтверждён банком").contains("300,00 RUB; эта сумма настоящей претензией не истребуется");
    }

    @Test
    void theEnglishClaimPrintsMoneyAndDatesTheEnglishWay() throws IOException {
        String claim = pdfText("en", "pretrial-claim.ftlh");

        assertThat(claim).contains("PRE-TRIAL CLAIM").contains("600.00 RUB").contains("1,300.00")
                .contains("Jan 21, 2026").contains("March 2, 2026").contains("within 14 calendar days")
                .contains("take the matter to court");
    }

    @ParameterizedTest
    @CsvSource({"ru,'01.02.2026, 12:00',эл. почта,'03.02.2026, 13:00',КОНТАКТОВ",
            "en,'Feb 1, 2026, 12:00 PM',email,'Feb 3, 2026, 1:00 PM',CONTACT HISTORY"})
    void theContactHistoryListsNoticesAndEventsInTheCompanysTime(String locale, String sent, String channel,
            String called, String title) throws IOException {
        String history = pdfText(locale, "contact-history.ftlh");

        // Sent at 09:00:05 UTC, which is 12:00 in Moscow; the call was recorded at 10:00 UTC, 13:00 in Moscow.
        assertThat(history).contains(title).contains("Europe/Moscow")
                .contains(sent + " " + channel + " sent, delivered first-reminder: Reminder")
                .contains(called + " — task-completed callDebtor: refused (collector)");
    }

    @Test
    void theStatementSumsUpInvoicesAndPayments() throws IOException {
        String statement = pdfText("en", "statement.ftlh");

        assertThat(statement).contains("STATEMENT OF ACCOUNT").contains("Invoiced 1,300.00 RUB, paid 400.00 RUB")
                .contains("outstanding 900.00 RUB, of which overdue 600.00 RUB");
    }

    @Test
    void theCustomersLocaleIsUsedWhenItHasTheTemplateElseTheDefault() {
        assertThat(templates().localeFor("en-GB", "pretrial-claim.ftlh")).isEqualTo("en");
        assertThat(templates().localeFor("de", "pretrial-claim.ftlh")).isEqualTo("ru");
        assertThat(templates().localeFor("../../etc", "pretrial-claim.ftlh")).isEqualTo("ru");
        assertThat(templates().localeFor(null, "pretrial-claim.ftlh")).isEqualTo("ru");
    }

    @Test
    void aTemplateUsingAMissingValueNamesItsFileAndLine() throws IOException {
        write("templates/documents/en/pretrial-claim.ftlh", """
                <#import "/documents/layout.ftlh" as layout>
                <@layout.document title="x" footer="y">
                <p>${customerNickname}</p>
                </@layout.document>""");

        assertThatThrownBy(() -> templates().render("en", "pretrial-claim.ftlh", model("en")))
                .isInstanceOfSatisfying(DocumentTemplateException.class, e -> {
                    assertThat(e.file()).isEqualTo("templates/documents/en/pretrial-claim.ftlh");
                    assertThat(e.line()).isEqualTo(3);
                })
                .hasMessageContaining("templates/documents/en/pretrial-claim.ftlh failed at line 3")
                .hasMessageContaining("customerNickname");
    }

    @Test
    void aLayoutThatDoesNotParseIsNamedNotTheDocumentThatImportsIt() throws IOException {
        write("templates/documents/layout.ftlh", """
                <#macro document title footer>
                <html><body><#nested></body></html>
                <#if>
                </#macro>""");

        assertThatThrownBy(() -> templates().render("ru", "statement.ftlh", model("ru")))
                .isInstanceOfSatisfying(DocumentTemplateException.class, e -> {
                    assertThat(e.file()).isEqualTo("templates/documents/layout.ftlh");
                    assertThat(e.line()).isEqualTo(3);
                })
                .hasMessageContaining("templates/documents/layout.ftlh has an error at line 3");
    }

    @Test
    void aTemplatePrintingHtmlThatIsNotXhtmlIsRefusedWithTheReason() throws IOException {
        write("templates/documents/ru/statement.ftlh", "<html><body><p>a&nbsp;b<br></p></body></html>");

        assertThatThrownBy(() -> templates().render("ru", "statement.ftlh", model("ru")))
                .isInstanceOf(DocumentTemplateException.class)
                .hasMessageContaining("templates/documents/ru/statement.ftlh printed HTML that is not well-formed XHTML");
    }

    @Test
    void aTemplateCannotReachJavaClasses() throws IOException {
        write("templates/documents/ru/statement.ftlh",
                "<#assign run = \"freemarker.template.utility.Execute\"?new()><p>${run(\"id\")}</p>");

        assertThatThrownBy(() -> templates().render("ru", "statement.ftlh", model("ru")))
                .isInstanceOf(DocumentTemplateException.class)
                .hasMessageContaining("templates/documents/ru/statement.ftlh failed at line 1");
    }

    private void write(String path, String content) throws IOException {
        Path file = home.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static EditableFiles editableFiles(Path home) {
        // Spring builds EditableFiles through its package-private constructor; these tests need the real thing.
        try {
            Constructor<EditableFiles> constructor = EditableFiles.class.getDeclaredConstructor(Path.class);
            constructor.setAccessible(true);
            return constructor.newInstance(home);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build EditableFiles for the test", e);
        }
    }
}
