package dev.dunning.notify;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.dunning.files.EditableFiles;
import freemarker.core.Environment;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNotFoundException;
import freemarker.template.TemplateScalarModel;

/**
 * Renders {@code templates/notices/<locale>/<template>.ftl}. A template sets its subject with
 * {@code <#assign subject>...</#assign>}; what it prints is the body (plain text).
 * <p>
 * Every number in a notice's model is money, so numbers print with two decimals in the locale's style
 * ({@code 12 345,67} in Russian, {@code 12,345.67} in English); a template prints a count with {@code ?c}.
 * Dates print in the locale's long style ({@code 2 марта 2026 г.}, {@code March 2, 2026}).
 */
@Component
class NoticeTemplates {

    static final int MAX_SUBJECT_LENGTH = 500;
    static final int MAX_BODY_LENGTH = 20000;

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern LOCALE_NAME = Pattern.compile("[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,2}");

    record Rendered(String subject, String body) {
    }

    private final EditableFiles files;
    private final String defaultLocale;
    private final Configuration freemarker;

    NoticeTemplates(EditableFiles files, NotifyProperties properties) {
        this.files = files;
        this.defaultLocale = properties.defaultLocale();
        if (!LOCALE_NAME.matcher(defaultLocale).matches()) {
            throw new IllegalArgumentException("dunning.notify.default-locale is not a locale: " + defaultLocale);
        }
        this.freemarker = configuration(files);
    }

    private static Configuration configuration(EditableFiles files) {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setTemplateLoader(new EditableTemplateLoader(files));
        configuration.setDefaultEncoding("UTF-8");
        // One folder per locale; FreeMarker's own _ru/_en file-name lookup would only add confusion.
        configuration.setLocalizedLookup(false);
        configuration.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        configuration.setObjectWrapper(new NoticeObjectWrapper());
        configuration.setNumberFormat(",##0.00;; roundingMode=halfUp");
        configuration.setDateFormat("long");
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        // The error reaches the plan step and the admin; FreeMarker's own log line would be a duplicate.
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        // Templates are edited on disk by users: they must not instantiate or reach Java classes.
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        return configuration;
    }

    /**
     * The locale folder to render {@code template} in: the customer's locale (as given, then its language)
     * when the template exists there, else the default locale.
     */
    String localeFor(String customerLocale, String template) {
        requireTemplateName(template);
        if (customerLocale != null && LOCALE_NAME.matcher(customerLocale.strip()).matches()) {
            String given = customerLocale.strip();
            String language = given.split("[_-]")[0].toLowerCase(Locale.ROOT);
            for (String candidate : new String[] {given, language}) {
                if (files.find(EditableTemplateLoader.FOLDER, path(candidate, template)).isPresent()) {
                    return candidate;
                }
            }
        }
        return defaultLocale;
    }

    Rendered render(String locale, String template, Map<String, Object> model) {
        requireTemplateName(template);
        String path = path(locale, template);
        String file = EditableTemplateLoader.FOLDER + "/" + path;
        Template loaded = load(path, file);
        StringWriter body = new StringWriter();
        TemplateModel subject;
        try {
            Environment environment = loaded.createProcessingEnvironment(model, body);
            environment.setLocale(Locale.forLanguageTag(locale.replace('_', '-')));
            environment.process();
            subject = environment.getMainNamespace().get("subject");
        } catch (TemplateException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " failed at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " could not be rendered: " + e.getMessage(), e);
        }
        return new Rendered(subjectOf(subject, file), bodyOf(body.toString(), file));
    }

    private Template load(String path, String file) {
        try {
            return freemarker.getTemplate(path);
        } catch (TemplateNotFoundException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " does not exist (looked in "
                    + files.diskFolder(EditableTemplateLoader.FOLDER) + " and in the application)", e);
        } catch (ParseException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " has an error at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getEditorMessage(), e);
        } catch (IOException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String subjectOf(TemplateModel assigned, String file) {
        if (!(assigned instanceof TemplateScalarModel scalar)) {
            throw new NoticeTemplateException(file, "notice template " + file
                    + " sets no subject; add <#assign subject>...</#assign> at its top", null);
        }
        String subject;
        try {
            subject = scalar.getAsString();
        } catch (TemplateModelException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " has an unreadable subject", e);
        }
        // A subject is one header line: a line break from a template or a name must not start another header.
        subject = subject.strip().replaceAll("\\s+", " ");
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new NoticeTemplateException(file, "notice template " + file + " sets a subject of " + subject.length()
                    + " characters; it must have 1 to " + MAX_SUBJECT_LENGTH, null);
        }
        return subject;
    }

    private static String bodyOf(String rendered, String file) {
        String body = rendered.strip();
        if (body.isEmpty() || body.length() > MAX_BODY_LENGTH) {
            throw new NoticeTemplateException(file, "notice template " + file + " produced a body of " + body.length()
                    + " characters; it must have 1 to " + MAX_BODY_LENGTH, null);
        }
        return body;
    }

    private static void requireTemplateName(String template) {
        if (template == null || !TEMPLATE_NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("a notice template name is lower-case letters, digits and dashes, not '"
                    + template + "'");
        }
    }

    static String path(String locale, String template) {
        return "notices/" + locale + "/" + template + ".ftl";
    }
}
