package dev.dunning.answers;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.dunning.files.EditableFiles;
import dev.dunning.files.SafeTemplates;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;

/**
 * Renders the debtor's answer pages, {@code templates/pages/<locale>/<page>.ftlh}: HTML with every value
 * escaped, in the customer's language ({@code ru}, {@code en}) or {@code dunning.notify.default-locale}.
 * Templates may be edited on disk, so, as for notices, they cannot reach Java classes or the FreeMarker API.
 * Amounts print with two decimals and dates in the locale's long style.
 */
@Component
class AnswerPages {

    static final String ANSWER = "answer";
    static final String DONE = "done";
    static final String REFUSED = "refused";
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private final EditableFiles files;
    private final String defaultLocale;
    private final String companyName;
    private final String currency;
    private final Configuration freemarker;

    AnswerPages(EditableFiles files, @Value("${dunning.notify.default-locale:ru}") String defaultLocale,
            @Value("${dunning.notify.company-name:Dunning demo}") String companyName,
            @Value("${dunning.ledger.currency:RUB}") String currency) {
        this.files = files;
        this.defaultLocale = defaultLocale;
        this.companyName = companyName;
        this.currency = currency;
        for (String page : new String[] {ANSWER, DONE, REFUSED}) {
            if (files.find(SafeTemplates.FOLDER, path(defaultLocale, page)).isEmpty()) {
                throw new IllegalStateException("the answer page templates/" + path(defaultLocale, page)
                        + " is missing: debtors whose language has no pages see those of dunning.notify.default-locale="
                        + defaultLocale);
            }
        }
        this.freemarker = SafeTemplates.configuration(files, HTMLOutputFormat.INSTANCE);
    }

    /** The page folder for a customer's locale ({@code en-GB} looks for {@code en}), else the default. */
    String localeFor(String customerLocale) {
        if (customerLocale != null) {
            String language = customerLocale.strip().split("[_-]")[0].toLowerCase(Locale.ROOT);
            if (LANGUAGE.matcher(language).matches()
                    && files.find(SafeTemplates.FOLDER, path(language, ANSWER)).isPresent()) {
                return language;
            }
        }
        return defaultLocale;
    }

    String defaultLocale() {
        return defaultLocale;
    }

    /** Renders a page; the model gets {@code lang}, {@code companyName} and {@code currency} too. */
    String render(String locale, String page, Map<String, Object> given) {
        Map<String, Object> model = new HashMap<>(given);
        model.put("lang", locale);
        model.put("companyName", companyName);
        model.put("currency", currency);
        String file = "templates/" + path(locale, page);
        try {
            Template template = freemarker.getTemplate(path(locale, page));
            StringWriter html = new StringWriter();
            Environment environment = template.createProcessingEnvironment(model, html);
            environment.setLocale(Locale.forLanguageTag(locale));
            environment.process();
            return html.toString();
        } catch (TemplateException e) {
            throw new IllegalStateException("answer page " + file + " failed at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new IllegalStateException("answer page " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String path(String locale, String page) {
        return "pages/" + locale + "/" + page + ".ftlh";
    }

    /** FreeMarker 2.3 does not know java.time: a LocalDate becomes a date-only value that follows the locale. */
}
