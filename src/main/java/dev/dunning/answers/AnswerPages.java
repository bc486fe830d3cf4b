package dev.dunning.answers;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.dunning.files.EditableFiles;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleDate;
import freemarker.template.Template;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;

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
            if (files.find(PageTemplateLoader.FOLDER, path(defaultLocale, page)).isEmpty()) {
                throw new IllegalStateException("the answer page templates/" + path(defaultLocale, page)
                        + " is missing: debtors whose language has no pages see those of dunning.notify.default-locale="
                        + defaultLocale);
            }
        }
        this.freemarker = configuration(files);
    }

    private static Configuration configuration(EditableFiles files) {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setTemplateLoader(new PageTemplateLoader(files));
        configuration.setDefaultEncoding("UTF-8");
        configuration.setLocalizedLookup(false);
        configuration.setRecognizeStandardFileExtensions(true);
        configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
        configuration.setObjectWrapper(new PageObjectWrapper());
        configuration.setNumberFormat(",##0.00;; roundingMode=halfUp");
        configuration.setDateFormat("long");
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        // Templates are edited on disk by users: they must not instantiate or reach Java classes.
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        return configuration;
    }

    /** The page folder for a customer's locale ({@code en-GB} looks for {@code en}), else the default. */
    String localeFor(String customerLocale) {
        if (customerLocale != null) {
            String language = customerLocale.strip().split("[_-]")[0].toLowerCase(Locale.ROOT);
            if (LANGUAGE.matcher(language).matches()
                    && files.find(PageTemplateLoader.FOLDER, path(language, ANSWER)).isPresent()) {
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
    private static final class PageObjectWrapper extends DefaultObjectWrapper {

        PageObjectWrapper() {
            super(Configuration.VERSION_2_3_34);
            setExposureLevel(EXPOSE_NOTHING);
        }

        @Override
        protected TemplateModel handleUnknownType(Object value) throws TemplateModelException {
            if (value instanceof LocalDate date) {
                return new SimpleDate(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()), TemplateDateModel.DATE);
            }
            return super.handleUnknownType(value);
        }
    }
}
