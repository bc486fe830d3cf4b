package dev.dunning.reports;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.dunning.files.EditableFiles;
import dev.dunning.files.SafeTemplates;
import freemarker.core.Environment;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateScalarModel;

/**
 * Renders the digest from {@code templates/digest/<locale>/digest.ftl} (plain text; it sets the subject with
 * {@code <#assign subject>...</#assign>}) and {@code digest.ftlh} (HTML, every value escaped), editable on disk like
 * the notices. Amounts print as money in the locale's style; counts are whole numbers (templates print them with
 * {@code ?c}); changes are signed in the templates.
 */
@Component
class DigestTemplates {

    static final String TEMPLATE = "digest";

    /** The rendered digest. */
    record Rendered(String subject, String text, String html) {
    }

    private final EditableFiles files;
    private final Configuration freemarker;

    DigestTemplates(EditableFiles files) {
        this.files = files;
        this.freemarker = SafeTemplates.configuration(files, PlainTextOutputFormat.INSTANCE);
    }

    Rendered render(Digest digest, String locale, String dashboardUrl) {
        String folder = files.find(SafeTemplates.FOLDER, path(locale, ".ftl")).isPresent() ? locale : "en";
        Map<String, Object> model = model(digest, dashboardUrl);
        Output text = process(path(folder, ".ftl"), model, folder);
        String subject = subjectOf(text.subject(), path(folder, ".ftl"));
        String html = files.find(SafeTemplates.FOLDER, path(folder, ".ftlh")).isPresent()
                ? process(path(folder, ".ftlh"), model, folder).printed().strip()
                : null;
        return new Rendered(subject, text.printed().strip(), html);
    }

    private static String path(String locale, String extension) {
        return "digest/" + locale + "/" + TEMPLATE + extension;
    }

    private record Output(TemplateModel subject, String printed) {
    }

    private Output process(String path, Map<String, Object> model, String locale) {
        String file = SafeTemplates.FOLDER + "/" + path;
        try {
            Template template = freemarker.getTemplate(path);
            StringWriter printed = new StringWriter();
            Environment environment = template.createProcessingEnvironment(model, printed);
            environment.setLocale(Locale.forLanguageTag(locale.replace('_', '-')));
            environment.process();
            return new Output(environment.getMainNamespace().get("subject"), printed.toString());
        } catch (TemplateException e) {
            throw new IllegalStateException("digest template " + file + " failed at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new IllegalStateException("digest template " + file + " cannot be read (looked in "
                    + files.diskFolder(SafeTemplates.FOLDER) + " and in the application): " + e.getMessage(), e);
        }
    }

    private static String subjectOf(TemplateModel assigned, String path) {
        try {
            if (assigned instanceof TemplateScalarModel scalar && !scalar.getAsString().isBlank()) {
                // One header line: a line break must not start another header.
                return scalar.getAsString().strip().replaceAll("\\s+", " ");
            }
        } catch (freemarker.template.TemplateModelException e) {
            // reported below
        }
        throw new IllegalStateException("digest template " + SafeTemplates.FOLDER + "/" + path
                + " sets no subject; add <#assign subject>...</#assign> at its top");
    }

    /** Maps and values only: templates run without access to Java objects. */
    static Map<String, Object> model(Digest digest, String dashboardUrl) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("day", digest.day());
        model.put("yesterday", digest.yesterday());
        putIfPresent(model, "pictureDay", digest.pictureDay());
        putIfPresent(model, "previousDay", digest.previousDay());
        model.put("picture", picture(digest.picture(), digest.change()));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Digest.GroupLine line : digest.groups()) {
            Map<String, Object> group = picture(line.picture(), line.change());
            group.put("name", line.group().isEmpty() ? "-" : line.group());
            groups.add(group);
        }
        model.put("groups", groups);
        Digest.Collections money = digest.collections();
        Map<String, Object> collections = new LinkedHashMap<>();
        collections.put("collectedYesterday", money.collectedYesterday());
        collections.put("chargedYesterday", money.chargedYesterday());
        collections.put("collectedInMonth", money.collectedInMonth());
        collections.put("chargedInMonth", money.chargedInMonth());
        putIfPresent(collections, "monthRate", money.monthRate());
        model.put("collections", collections);
        model.put("cases", Map.of("openedYesterday", digest.cases().openedYesterday(),
                "settledYesterday", digest.cases().settledYesterday(), "inWork", digest.cases().inWork()));
        List<Map<String, Object>> stages = new ArrayList<>();
        digest.casesByStage().forEach((stage, count) -> stages.add(Map.of("stage", stage.isEmpty() ? "-" : stage,
                "cases", count)));
        model.put("stages", stages);
        model.put("promises", Map.of("due", digest.promises().due(), "kept", digest.promises().kept(),
                "broken", digest.promises().broken()));
        model.put("notices", digest.notices().stream().map(line -> Map.<String, Object>of("channel", line.channel(),
                "sent", line.sent(), "failed", line.failed())).toList());
        model.put("failedJobs", digest.failedJobs());
        model.put("collectorTasks", Map.of("open", digest.collectorTasks().open(),
                "unclaimed", digest.collectorTasks().unclaimed()));
        model.put("dashboardUrl", dashboardUrl);
        return model;
    }

    private static Map<String, Object> picture(Digest.Picture picture, Digest.Picture change) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("realDebt", picture.realDebt());
        values.put("conditionalDebt", picture.conditionalDebt());
        values.put("frozen", picture.frozen());
        values.put("balance", picture.balance());
        values.put("debtors", picture.debtors());
        values.put("customers", picture.customers());
        values.put("realDebtChange", change.realDebt());
        values.put("conditionalDebtChange", change.conditionalDebt());
        values.put("debtorsChange", change.debtors());
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (String bucket : Digest.BUCKETS) {
            BigDecimal amount = picture.buckets().get(bucket);
            buckets.add(Map.of("name", bucket, "amount", amount, "change", change.buckets().get(bucket)));
        }
        values.put("buckets", buckets);
        return values;
    }

    private static void putIfPresent(Map<String, Object> model, String key, Object value) {
        if (value != null) {
            model.put(key, value);
        }
    }
}
