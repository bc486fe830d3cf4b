package dev.dunning.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.OutputFormat;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;

/**
 * The templates users edit on disk (notices, letters, documents, answer pages, call scripts) are fed debtors' data:
 * the data is printed as written, never run as template code, and no template reaches a Java class, a method or a
 * file outside its folder, whatever it says.
 */
class SafeTemplatesTest {

    /** FreeMarker code in a debtor's name: it would print INJECTED, loop or reach the model if anything ran it. */
    private static final String CODE_IN_A_NAME = "${\"injected\"?upper_case} <#assign a = 1>${a} [=\"injected\"?upper_case]"
            + " #{7*7} <#list 1..3 as i>${i}</#list> ${.data_model}";

    @TempDir
    Path home;
    EditableFiles files;

    @BeforeEach
    void editableFolder() throws IOException {
        files = new EditableFiles(home);
        Files.createDirectories(home.resolve("templates/test"));
        Files.writeString(home.resolve("secret.txt"), "TOP-SECRET of the server");
    }

    private void template(String name, String text) throws IOException {
        Files.writeString(home.resolve("templates/test").resolve(name), text);
    }

    private String render(OutputFormat format, String name, Map<String, Object> model) throws Exception {
        Configuration configuration = SafeTemplates.configuration(files, format);
        StringWriter out = new StringWriter();
        configuration.getTemplate("test/" + name).process(model, out);
        return out.toString();
    }

    @Test
    void templateCodeInADebtorsDataIsPrintedAsWrittenInTextAndEscapedInHtml() throws Exception {
        template("letter.ftl", "Dear ${customerName}.");
        template("letter.ftlh", "<p>Dear ${customerName}.</p>");
        Map<String, Object> model = Map.of("customerName", CODE_IN_A_NAME + " <script>alert(1)</script>");

        assertThat(render(PlainTextOutputFormat.INSTANCE, "letter.ftl", model))
                .isEqualTo("Dear " + CODE_IN_A_NAME + " <script>alert(1)</script>.");
        assertThat(render(PlainTextOutputFormat.INSTANCE, "letter.ftlh", model)).as(".ftlh is HTML in any configuration")
                .startsWith("<p>Dear ${&quot;injected&quot;?upper_case} &lt;#assign a = 1&gt;${a}")
                .endsWith("&lt;script&gt;alert(1)&lt;/script&gt;.</p>")
                .doesNotContain("INJECTED", "<script>");
    }

    @Test
    void aTemplateThatWouldRunAValueAsTemplateCodeIsRefusedNamingTheLine() throws Exception {
        template("interpret.ftl", "Dear customer,\n  <@customerName?interpret/>");
        template("eval.ftl", "Dear customer,\n\n${ customerName ? eval }");
        Map<String, Object> model = Map.of("customerName", "<#list 1..999999999 as i>${.data_model}</#list>");

        assertThatThrownBy(() -> render(PlainTextOutputFormat.INSTANCE, "interpret.ftl", model))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.getLineNumber()).isEqualTo(2);
                    assertThat(e.getEditorMessage()).contains("?interpret would run a value as template code");
                });
        assertThatThrownBy(() -> render(HTMLOutputFormat.INSTANCE, "eval.ftl", model))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.getLineNumber()).isEqualTo(3));
    }

    @Test
    void readingJsonIsNotRunningCodeAndStaysAllowed() throws Exception {
        template("json.ftl", "<#assign parsed = settings?eval_json>${parsed.greeting}");

        assertThat(render(PlainTextOutputFormat.INSTANCE, "json.ftl", Map.of("settings", "{\"greeting\": \"Hello ${x}\"}")))
                .isEqualTo("Hello ${x}");
    }

    @Test
    void aTemplateCannotMakeJavaObjectsOrReachTheApiOfAValue() throws Exception {
        template("execute.ftl", "<#assign run = \"freemarker.template.utility.Execute\"?new()>${run(\"id\")}");
        template("construct.ftl", "<#assign make = \"freemarker.template.utility.ObjectConstructor\"?new()>"
                + "${make(\"java.io.File\", \"/\")}");
        template("api.ftl", "${customerName?api.getClass().getName()}");
        Map<String, Object> model = Map.of("customerName", "Anna");

        for (String name : new String[] {"execute.ftl", "construct.ftl"}) {
            assertThatThrownBy(() -> render(PlainTextOutputFormat.INSTANCE, name, model)).as(name)
                    .isInstanceOf(TemplateException.class).hasMessageContaining("is not allowed in the template for security reasons");
        }
        assertThatThrownBy(() -> render(PlainTextOutputFormat.INSTANCE, "api.ftl", model))
                .isInstanceOf(TemplateException.class).hasMessageContaining("api");
        Configuration configuration = SafeTemplates.configuration(files, PlainTextOutputFormat.INSTANCE);
        assertThat(configuration.getNewBuiltinClassResolver()).isSameAs(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        assertThat(configuration.isAPIBuiltinEnabled()).isFalse();
    }

    @Test
    void aJavaObjectInTheModelShowsNoMethodsToCall() throws Exception {
        Path victim = Files.writeString(home.resolve("victim.txt"), "still here");
        template("methods.ftl", "${file.delete()?c}");
        template("class.ftl", "${file.class.name}");

        Map<String, Object> model = Map.of("file", new File(victim.toString()));
        assertThatThrownBy(() -> render(PlainTextOutputFormat.INSTANCE, "methods.ftl", model))
                .isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> render(PlainTextOutputFormat.INSTANCE, "class.ftl", model))
                .isInstanceOf(TemplateException.class);
        assertThat(victim).exists().hasContent("still here");
    }

    @Test
    void aTemplateCannotIncludeAFileOutsideTheTemplatesFolder() throws Exception {
        template("include.ftl", "<#include \"../../secret.txt\">");
        template("import.ftl", "<#import \"/../secret.txt\" as s>");
        template("absolute.ftl", "<#include \"" + home.resolve("secret.txt") + "\">");

        for (String name : new String[] {"include.ftl", "import.ftl", "absolute.ftl"}) {
            assertThatThrownBy(() -> render(PlainTextOutputFormat.INSTANCE, name, Map.of())).as(name)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
        }
    }
}
