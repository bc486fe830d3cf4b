package dev.dunning.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a manager asks a report for: the picture's filter, a period of business days (both ends included) and, for
 * reports cut into periods, the grain ({@code month}, {@code quarter} or {@code week}).
 */
public record ReportRequest(PictureFilter filter, LocalDate from, LocalDate to, String grain) {

    public static final Set<String> GRAINS = Set.of("month", "quarter", "week");
    /** Longest period a report covers: enough for a few years' trends, short enough for per-day rows. */
    static final int MAX_DAYS = 3 * 366;

    public ReportRequest {
        filter = filter == null ? PictureFilter.ALL : filter;
        grain = grain == null || grain.isBlank() ? "month" : grain.strip();
        if (!GRAINS.contains(grain)) {
            throw new IllegalArgumentException("grain: '" + grain + "' is not one of month, quarter, week");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from: " + from + " is after to: " + to);
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("from, to: a period is at most " + MAX_DAYS + " days, " + from + " to "
                    + to + " is longer");
        }
    }

    /**
     * A request from a page or the API, where every value is text and may be missing: from defaults to the first day
     * of the month five months back (six calendar months with this one), to defaults to today.
     */
    public static ReportRequest parse(String group, String plan, String building, String service, String from,
            String to, String grain, LocalDate today) {
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusMonths(5).withDayOfMonth(1));
        return new ReportRequest(new PictureFilter(group, plan, building, service), start, end, grain);
    }

    /** This request for one provider's part of the picture (see {@link PictureFilter#forProvider}). */
    public ReportRequest forProvider(String provider, dev.dunning.providers.Providers providers) {
        return new ReportRequest(filter.forProvider(provider, providers), from, to, grain);
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** The period's days cut by the grain; the first and last pieces are cut to the period. */
    List<Span> spans() {
        return spans(grain);
    }

    List<Span> spans(String by) {
        List<Span> spans = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = switch (by) {
                case "week" -> start.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
                case "quarter" -> start.withMonth(((start.getMonthValue() - 1) / 3) * 3 + 3)
                        .with(TemporalAdjusters.lastDayOfMonth());
                default -> start.with(TemporalAdjusters.lastDayOfMonth());
            };
            if (end.isAfter(to)) {
                end = to;
            }
            spans.add(new Span(label(by, start), start, end));
            start = end.plusDays(1);
        }
        return spans;
    }

    private static String label(String by, LocalDate day) {
        return switch (by) {
            case "week" -> "%d-W%02d".formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "quarter" -> day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
            default -> "%d-%02d".formatted(day.getYear(), day.getMonthValue());
        };
    }

    /** How the request reads in an audit entry (no personal data: the filter and the period only). */
    String describe(ReportInfo info) {
        StringBuilder text = new StringBuilder();
        append(text, "group", filter.group());
        append(text, "plan", filter.plan());
        append(text, "building", filter.building());
        if (info.service()) {
            append(text, "service", filter.service());
            append(text, "provider", filter.provider());
        }
        if (info.period()) {
            append(text, "from", from.toString());
            append(text, "to", to.toString());
        }
        if (info.grain()) {
            append(text, "grain", grain);
        }
        return text.isEmpty() ? "all" : text.toString();
    }

    private static void append(StringBuilder text, String name, String value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }

    /** A piece of the period: its label ({@code 2026-03}, {@code 2026-Q1}, {@code 2026-W09}) and its days. */
    record Span(String label, LocalDate from, LocalDate to) {

        long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }
    }
}
