package dev.dunning.documents;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.dunning.files.EditableFiles;
import dev.dunning.files.SafeTemplates;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateNotFoundException;

/**
 * Renders {@code templates/documents/<locale>/<document>.ftlh} to XHTML with the safe FreeMarker set-up of every
 * template users edit: values only, no Java classes, every value escaped, money with two decimals and dates in the
 * locale's style. Every failure names the file and, where there is one, the line.
 */
@Component
class DocumentTemplates {

    static final String FOLDER = "documents";

    private static final Pattern LOCALE_NAME = Pattern.compile("[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,2}");

    private final EditableFiles files;
    private final String defaultLocale;
    private final Configuration freemarker;

    DocumentTemplates(EditableFiles files, @Value("${dunning.notify.default-locale:ru}") String defaultLocale) {
        if (!LOCALE_NAME.matcher(defaultLocale).matches()) {
            throw new IllegalArgumentException("dunning.notify.default-locale is not a locale: " + defaultLocale);
        }
        this.files = files;
        this.defaultLocale = defaultLocale;
        this.freemarker = SafeTemplates.configuration(files, HTMLOutputFormat.INSTANCE);
    }

    /**
     * The locale folder to render {@code template} in: the customer's locale (as given, then its language) when the
     * template exists there, else the default locale.
     */
    String localeFor(String customerLocale, String template) {
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

    /** The XHTML the template prints for {@code model}, checked to be well-formed. */
    String render(String locale, String template, Map<String, Object> model) {
        String path = path(locale, template);
        String file = SafeTemplates.FOLDER + "/" + path;
        Template loaded = load(path, file);
        StringWriter printed = new StringWriter();
        try {
            Environment environment = loaded.createProcessingEnvironment(model, printed);
            environment.setLocale(Locale.forLanguageTag(locale.replace('_', '-')));
            environment.process();
        } catch (TemplateException e) {
            ParseException imported = parseErrorBehind(e);
            if (imported != null) {
                throw parseError(imported, file);
            }
            String failing = e.getTemplateSourceName() == null ? file : SafeTemplates.FOLDER + "/" + e.getTemplateSourceName();
            throw new DocumentTemplateException(failing, e.getLineNumber(), "document template " + failing
                    + " failed at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                    + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new DocumentTemplateException(file, null, "document template " + file + " could not be rendered: "
                    + e.getMessage(), e);
        }
        String xhtml = printed.toString();
        PdfLayout.notWellFormed(xhtml).ifPresent(problem -> {
            throw new DocumentTemplateException(file, null, "document template " + file
                    + " printed HTML that is not well-formed XHTML (line " + problem.getLineNumber()
                    + " of what it printed: " + problem.getMessage()
                    + "); close every tag (<br/>) and write &#160; instead of &nbsp;", problem);
        });
        return xhtml;
    }

    private Template load(String path, String file) {
        try {
            return freemarker.getTemplate(path);
        } catch (TemplateNotFoundException e) {
            throw new DocumentTemplateException(file, null, "document template " + file + " does not exist (looked in "
                    + files.diskFolder(SafeTemplates.FOLDER) + " and in the application)", e);
        } catch (ParseException e) {
            throw parseError(e, file);
        } catch (IOException e) {
            if (e.getCause() instanceof ParseException earlier) {
                // FreeMarker remembers a file that did not parse and answers later calls with this wrapper.
                throw parseError(earlier, file);
            }
            throw new DocumentTemplateException(file, null, "document template " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** A template imported by the document (the layout) that does not parse fails the import with this cause. */
    private static ParseException parseErrorBehind(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ParseException parse) {
                return parse;
            }
        }
        return null;
    }

    private static DocumentTemplateException parseError(ParseException e, String file) {
        String failing = e.getTemplateName() == null ? file : SafeTemplates.FOLDER + "/" + e.getTemplateName();
        return new DocumentTemplateException(failing, e.getLineNumber(), "document template " + failing
                + " has an error at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                + e.getEditorMessage(), e);
    }

    static String path(String locale, String template) {
        return FOLDER + "/" + locale + "/" + template;
    }
}
