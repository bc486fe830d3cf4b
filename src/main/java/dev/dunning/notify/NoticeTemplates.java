package dev.dunning.notify;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.dunning.files.EditableFiles;
import dev.dunning.files.SafeTemplates;
import freemarker.core.Environment;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNotFoundException;
import freemarker.template.TemplateScalarModel;

/**
 * Renders {@code templates/notices/<locale>/<template>.ftl}. A template sets its subject with
 * {@code <#assign subject>...</#assign>}; what it prints is the body (plain text).
 * <p>
 * A channel may have its own variant, {@code <template>.<channel>.ftl} (a short SMS), used before the common one.
 * Rich channels (email, letter) also get an HTML body from {@code <template>.ftlh} (or
 * {@code <template>.<channel>.ftlh}) when it exists; {@code .ftlh} templates escape every value as HTML.
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

    /** A rendered notice; {@code subject} is null for a channel variant that sets none, {@code html} when there is no HTML variant. */
    record Rendered(String subject, String body, String html) {
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
        this.freemarker = SafeTemplates.configuration(files, PlainTextOutputFormat.INSTANCE);
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
                if (files.find(SafeTemplates.FOLDER, path(candidate, template)).isPresent()) {
                    return candidate;
                }
            }
        }
        return defaultLocale;
    }

    /** Renders the common plain-text variant only (no channel of its own, no HTML). */
    Rendered render(String locale, String template, Map<String, Object> model) {
        return render(locale, template, null, false, model);
    }

    /**
     * Renders the notice for a channel: its own text variant if there is one, else the common one; and for a
     * rich channel the HTML variant when there is one. A rich channel needs a subject.
     */
    Rendered render(String locale, String template, String channel, boolean rich, Map<String, Object> model) {
        requireTemplateName(template);
        String textPath = variant(locale, template, channel, ".ftl").orElse(path(locale, template));
        Output text = process(textPath, model, locale);
        boolean channelVariant = !textPath.equals(path(locale, template));
        String file = SafeTemplates.FOLDER + "/" + textPath;
        String subject = text.subject() == null && (channelVariant && !rich) ? null : subjectOf(text.subject(), file);
        String html = null;
        if (rich) {
            Optional<String> htmlPath = variant(locale, template, channel, ".ftlh");
            if (htmlPath.isPresent()) {
                html = process(htmlPath.get(), model, locale).printed().strip();
            }
        }
        return new Rendered(subject, bodyOf(text.printed(), file), html);
    }

    /** The template files that exist for a notice in a locale, most specific first. */
    private Optional<String> variant(String locale, String template, String channel, String extension) {
        List<String> candidates = new ArrayList<>();
        if (channel != null) {
            candidates.add("notices/" + locale + "/" + template + "." + channel + extension);
        }
        candidates.add("notices/" + locale + "/" + template + extension);
        return candidates.stream().filter(path -> files.find(SafeTemplates.FOLDER, path).isPresent()).findFirst();
    }

    private record Output(TemplateModel subject, String printed) {
    }

    private Output process(String path, Map<String, Object> model, String locale) {
        String file = SafeTemplates.FOLDER + "/" + path;
        Template loaded = load(path, file);
        StringWriter printed = new StringWriter();
        try {
            Environment environment = loaded.createProcessingEnvironment(model, printed);
            environment.setLocale(Locale.forLanguageTag(locale.replace('_', '-')));
            environment.process();
            return new Output(environment.getMainNamespace().get("subject"), printed.toString());
        } catch (TemplateException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " failed at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " could not be rendered: " + e.getMessage(), e);
        }
    }

    /** The locale folders that hold the common variant of {@code template}. */
    List<String> localesOf(String template) {
        requireTemplateName(template);
        String suffix = "/" + template + ".ftl";
        return files.list(SafeTemplates.FOLDER, template + ".ftl").keySet().stream()
                .filter(path -> path.startsWith("notices/") && path.endsWith(suffix))
                .map(path -> path.substring("notices/".length(), path.length() - suffix.length()))
                .filter(locale -> !locale.contains("/"))
                .sorted()
                .toList();
    }

    private Template load(String path, String file) {
        try {
            return freemarker.getTemplate(path);
        } catch (TemplateNotFoundException e) {
            throw new NoticeTemplateException(file, "notice template " + file + " does not exist (looked in "
                    + files.diskFolder(SafeTemplates.FOLDER) + " and in the application)", e);
        } catch (ParseException e) {
            throw parseError(file, e);
        } catch (IOException e) {
            if (e.getCause() instanceof ParseException earlier) {
                // FreeMarker remembers a file that did not parse and answers later calls with this wrapper.
                throw parseError(file, earlier);
            }
            throw new NoticeTemplateException(file, "notice template " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static NoticeTemplateException parseError(String file, ParseException e) {
        return new NoticeTemplateException(file, "notice template " + file + " has an error at line " + e.getLineNumber()
                + ", column " + e.getColumnNumber() + ": " + e.getEditorMessage(), e);
    }

    private static String subjectOf(TemplateModel assigned, String file) {
        if (assigned instanceof freemarker.core.TemplateMarkupOutputModel<?>) {
            throw new NoticeTemplateException(file, "notice template " + file
                    + " sets its subject as markup; set it in the plain-text variant", null);
        }
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
