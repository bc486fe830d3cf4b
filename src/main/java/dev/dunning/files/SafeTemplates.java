package dev.dunning.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;

import freemarker.cache.TemplateLoader;
import freemarker.core.OutputFormat;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleDate;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;

/**
 * FreeMarker as Dunning runs the templates users edit on disk (notices, letters, answer pages): loaded from
 * {@code templates/} where the disk copy wins over the jar's, unable to reach Java classes or methods or to run a
 * value as template code, failing loudly on a missing value, and printing amounts and dates in the locale's style.
 */
public final class SafeTemplates {

    /** The editable folder the templates live in. */
    public static final String FOLDER = "templates";

    /** The built-ins that run a value as template code; {@code ?eval_json} is not one of them. */
    private static final Pattern RUNS_A_VALUE = Pattern.compile("\\?\\s*(interpret|eval)(?![\\w$])");

    private SafeTemplates() {
    }

    /**
     * A configuration whose templates print in {@code output} ({@code .ftlh} files are always HTML, escaped).
     * Every number prints as money with two decimals; dates in the locale's long style.
     */
    public static Configuration configuration(EditableFiles files, OutputFormat output) {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setTemplateLoader(new EditableTemplateLoader(files));
        configuration.setDefaultEncoding("UTF-8");
        // One folder per locale; FreeMarker's own _ru/_en file-name lookup would only add confusion.
        configuration.setLocalizedLookup(false);
        configuration.setOutputFormat(output);
        configuration.setRecognizeStandardFileExtensions(true);
        configuration.setObjectWrapper(new ValuesOnly());
        configuration.setNumberFormat(",##0.00;; roundingMode=halfUp");
        configuration.setDateFormat("long");
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        // The error reaches the caller (a plan step, an admin); FreeMarker's own log line would be a duplicate.
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        // Templates are edited on disk by users: they must not instantiate or reach Java classes.
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        return configuration;
    }

    /**
     * {@code ?interpret} and {@code ?eval} turn a value into template code and run it: a debtor's name
     * {@code <#list 1..999999999 as i>} would loop, {@code ${.data_model}} would print every value. A template prints
     * values and never runs them, so a template that uses either is refused, naming the line, before it is parsed.
     * ({@code ?eval_json} only reads JSON and is allowed.)
     */
    private static void refuseRunningValues(String text) throws ParseException {
        Matcher found = RUNS_A_VALUE.matcher(text);
        if (found.find()) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < found.start(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ParseException("?" + found.group(1) + " would run a value as template code; templates print"
                    + " values and never run them, so ?interpret and ?eval are not allowed", line,
                    found.start() - lineStart + 1);
        }
    }

    /**
     * Exposes values, never methods. FreeMarker 2.3.34 does not know {@code java.time}: a {@link LocalDate} is
     * wrapped as a date-only value (midnight UTC; templates run in UTC), so it follows the locale's date format.
     */
    private static final class ValuesOnly extends DefaultObjectWrapper {

        ValuesOnly() {
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

    /**
     * The source is the Spring resource itself, so when a disk copy appears or changes, FreeMarker's cache sees a
     * different source or a newer date and reloads it.
     */
    private static final class EditableTemplateLoader implements TemplateLoader {

        private final EditableFiles files;

        EditableTemplateLoader(EditableFiles files) {
            this.files = files;
        }

        @Override
        public Object findTemplateSource(String name) {
            return files.find(FOLDER, name).orElse(null);
        }

        @Override
        public long getLastModified(Object source) {
            try {
                return ((Resource) source).lastModified();
            } catch (IOException e) {
                // Entries inside a jar may have no date; -1 tells FreeMarker to keep the cached copy.
                return -1;
            }
        }

        @Override
        public Reader getReader(Object source, String encoding) throws IOException {
            String text;
            try (InputStream in = ((Resource) source).getInputStream()) {
                text = new String(in.readAllBytes(), Charset.forName(encoding));
            }
            refuseRunningValues(text);
            return new StringReader(text);
        }

        @Override
        public void closeTemplateSource(Object source) {
            // getReader opens a fresh stream each time and FreeMarker closes the reader.
        }
    }
}
