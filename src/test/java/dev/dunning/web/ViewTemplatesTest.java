package dev.dunning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.view.freemarker.FreeMarkerConfig;

import dev.dunning.support.DunningTest;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;

/**
 * The pages' own FreeMarker views escape every value as HTML, cannot make Java objects or reach a value's API, and
 * never run a value as template code; the few places that print a value unescaped are known and escape it first.
 */
@DunningTest
class ViewTemplatesTest {

    private static final Path VIEWS = Path.of("src/main/resources/views");
    /**
     * Each {@code ?no_esc} of the views and why it is safe. A new one fails this test until it is reviewed and added.
     */
    private static final List<String> UNESCAPED = List.of(
            // the call script: rendered by SafeTemplates in HTML, which escapes the customer's values
            "task.ftlh: ${script?no_esc}",
            // JSON whose every "<" ReportPages wrote as \u003c, so no value can close the script element
            "report.ftlh: ${chartJson?no_esc}",
            // message texts, JSON-escaped (?json_string escapes "<" before "/" and "!")
            "dashboard.ftlh: ${key?json_string?no_esc}", "dashboard.ftlh: ${value?json_string?no_esc}");
    private static final Pattern NO_ESC = Pattern.compile("\\$\\{[^}]*\\?no_esc}");

    @Autowired
    FreeMarkerConfig views;

    @Test
    void everyViewEscapesAsHtmlAndTheConfigurationForbidsNewAndApi() throws IOException {
        Configuration configuration = views.getConfiguration();

        assertThat(configuration.getNewBuiltinClassResolver()).isSameAs(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        assertThat(configuration.isAPIBuiltinEnabled()).isFalse();
        for (String view : viewNames()) {
            Template template = configuration.getTemplate(view);
            assertThat(template.getOutputFormat()).as(view).isSameAs(HTMLOutputFormat.INSTANCE);
            assertThat(template.getAutoEscaping()).as("%s escapes every value", view).isTrue();
        }
    }

    @Test
    void noViewRunsAValueAsTemplateCodeAndOnlyTheKnownPlacesPrintUnescaped() throws IOException {
        List<String> unescaped = new java.util.ArrayList<>();
        for (String view : viewNames()) {
            String text = Files.readString(VIEWS.resolve(view));
            assertThat(text).as(view).doesNotContainPattern("\\?\\s*(interpret|eval)(?![\\w$])")
                    .doesNotContain("<#noautoesc", "<#outputformat", "?markup_string");
            Matcher found = NO_ESC.matcher(text);
            while (found.find()) {
                unescaped.add(view + ": " + found.group());
            }
        }
        assertThat(unescaped).containsExactlyInAnyOrderElementsOf(UNESCAPED);
    }

    private static List<String> viewNames() throws IOException {
        try (Stream<Path> files = Files.list(VIEWS)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".ftlh")).sorted()
                    .toList();
        }
    }
}
