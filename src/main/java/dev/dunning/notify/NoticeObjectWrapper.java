package dev.dunning.notify;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleDate;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;

/**
 * FreeMarker 2.3.34 does not know {@code java.time}: without this a {@link LocalDate} would print as
 * {@code 2026-03-02} whatever the locale. Wrapped as a date-only value (midnight UTC, and the templates'
 * time zone is UTC) it follows the configured {@code date_format} and the notice's locale.
 */
final class NoticeObjectWrapper extends DefaultObjectWrapper {

    NoticeObjectWrapper() {
        super(Configuration.VERSION_2_3_34);
    }

    @Override
    protected TemplateModel handleUnknownType(Object value) throws TemplateModelException {
        if (value instanceof LocalDate date) {
            return new SimpleDate(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()), TemplateDateModel.DATE);
        }
        return super.handleUnknownType(value);
    }
}
