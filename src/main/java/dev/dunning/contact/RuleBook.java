package dev.dunning.contact;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dunning.contact.HolidayCalendar.DayType;

/**
 * A group's contact rules, checked and ready to decide: when a contact of a kind may be made with a debtor,
 * given the contacts already made. Pure arithmetic on the debtor's local time; no database, no clock.
 */
final class RuleBook {

    /** A contact window within one day; {@code to} of 00:00 is the end of the day. */
    record Hours(LocalTime from, LocalTime to) {

        boolean contains(LocalTime time) {
            return !time.isBefore(from) && (to.equals(LocalTime.MIDNIGHT) || time.isBefore(to));
        }

        boolean endsAfter(LocalTime time) {
            return to.equals(LocalTime.MIDNIGHT) || time.isBefore(to);
        }

        @Override
        public String toString() {
            return from + "-" + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString());
        }
    }

    /** Caps per period, null where there is none. */
    record Caps(Integer perDay, Integer perWeek, Integer perMonth) {

        static final Caps NONE = new Caps(null, null, null);
    }

    enum Windows {
        CALENDAR, ROLLING
    }

    private static final Pattern HOURS = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final Pattern CAPS = Pattern.compile("(\\d+|-)/(\\d+|-)/(\\d+|-)");
    private static final int MAX_STEPS = 2000;

    private final ContactPolicy policy;
    private final ZoneId defaultZone;
    private final HolidayCalendar calendar;
    private final Map<DayType, Hours> hours;
    private final Map<ContactKind, Caps> caps;
    private final Windows windows;
    private final Duration noCallsAfterConversation;
    private final Set<String> consentRequired;

    private RuleBook(ContactPolicy policy, ZoneId defaultZone, HolidayCalendar calendar, Map<DayType, Hours> hours,
            Map<ContactKind, Caps> caps, Windows windows, Duration noCallsAfterConversation, Set<String> consentRequired) {
        this.policy = policy;
        this.defaultZone = defaultZone;
        this.calendar = calendar;
        this.hours = hours;
        this.caps = caps;
        this.windows = windows;
        this.noCallsAfterConversation = noCallsAfterConversation;
        this.consentRequired = consentRequired;
    }

    /**
     * Checks a complete policy (every field set) and compiles it.
     *
     * @throws InvalidContactPolicyException listing every field that is wrong
     */
    static RuleBook of(ContactPolicy policy, Function<String, Optional<HolidayCalendar>> calendars) {
        List<InvalidContactPolicyException.FieldError> errors = new ArrayList<>();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(policy.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            errors.add(error("timeZone", "'" + policy.timeZone() + "' is not a time zone such as Europe/Moscow"));
        }
        HolidayCalendar calendar = calendars.apply(policy.calendar()).orElse(null);
        if (calendar == null) {
            errors.add(error("calendar", "'" + policy.calendar() + "' is not a known holiday calendar"));
        }
        Map<DayType, Hours> hours = new EnumMap<>(DayType.class);
        hours(policy.workingDays(), "workingDays", errors).ifPresent(window -> hours.put(DayType.WORKING, window));
        hours(policy.weekends(), "weekends", errors).ifPresent(window -> hours.put(DayType.WEEKEND, window));
        hours(policy.holidays(), "holidays", errors).ifPresent(window -> hours.put(DayType.HOLIDAY, window));
        if (!hours.containsKey(DayType.WORKING) && errors.stream().noneMatch(e -> e.field().equals("workingDays"))) {
            errors.add(error("workingDays", "debtors must be reachable on working days at some hours"));
        }
        Map<ContactKind, Caps> caps = new EnumMap<>(ContactKind.class);
        caps.put(ContactKind.CALL, caps(policy.calls(), "calls", errors));
        caps.put(ContactKind.MESSAGE, caps(policy.messages(), "messages", errors));
        Windows windows = null;
        try {
            windows = Windows.valueOf(String.valueOf(policy.capWindows()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(error("capWindows", "'" + policy.capWindows() + "' is neither calendar nor rolling"));
        }
        Duration gap = null;
        try {
            gap = Duration.parse(String.valueOf(policy.noCallsAfterConversation()));
            if (gap.isNegative() || gap.compareTo(Duration.ofDays(31)) > 0) {
                errors.add(error("noCallsAfterConversation", "must be from P0D to P31D, not " + policy.noCallsAfterConversation()));
            }
        } catch (DateTimeParseException e) {
            errors.add(error("noCallsAfterConversation", "'" + policy.noCallsAfterConversation()
                    + "' is not a duration such as P7D"));
        }
        List<String> consent = policy.consentRequired() == null ? List.of() : policy.consentRequired();
        for (String channel : consent) {
            if (channel == null || !channel.matches("[a-z][a-z0-9-]{0,15}")) {
                errors.add(error("consentRequired", "'" + channel + "' is not a channel name such as voice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidContactPolicyException(errors);
        }
        return new RuleBook(policy, zone, calendar, hours, caps, windows, gap, Set.copyOf(consent));
    }

    ContactPolicy policy() {
        return policy;
    }

    boolean needsConsent(String channel) {
        return consentRequired.contains(channel);
    }

    /** The debtor's zone: their own when it is a valid one, else the policy's. */
    ZoneId zoneOf(String customerZone) {
        if (customerZone != null && !customerZone.isBlank()) {
            try {
                return ZoneId.of(customerZone.strip());
            } catch (DateTimeException e) {
                // An unknown zone in the registry: the group's zone is the best guess.
            }
        }
        return defaultZone;
    }

    /**
     * Whether a contact of {@code kind} may be made at {@code now}, and if not, the earliest moment it may.
     *
     * @param earlier          the debtor's contacts of the same kind in the last 31 days
     * @param lastConversation the debtor's last conversation, or null
     */
    ContactDecision decide(ContactKind kind, ZoneId zone, Instant now, List<Instant> earlier, Instant lastConversation) {
        if (kind == ContactKind.LETTER || kind == ContactKind.NONE) {
            return new ContactDecision.Allowed();
        }
        List<Instant> contacts = earlier.stream().sorted().toList();
        Instant at = now;
        String firstReason = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<Violation> violation = violation(kind, zone, at, contacts, lastConversation);
            if (violation.isEmpty()) {
                return at.equals(now) ? new ContactDecision.Allowed() : new ContactDecision.Deferred(at, firstReason);
            }
            if (firstReason == null) {
                firstReason = violation.get().reason();
            }
            at = violation.get().notBefore();
        }
        throw new IllegalStateException("contact rules " + policy.preset() + " allow no " + kind + " in the next "
                + MAX_STEPS + " windows");
    }

    private record Violation(String reason, Instant notBefore) {
    }

    private Optional<Violation> violation(ContactKind kind, ZoneId zone, Instant at, List<Instant> contacts,
            Instant lastConversation) {
        ZonedDateTime local = at.atZone(zone);
        Hours window = hours.get(calendar.dayType(local.toLocalDate()));
        if (window == null || !window.contains(local.toLocalTime())) {
            return Optional.of(new Violation("quiet hours: " + describeHours() + ", " + zone.getId(),
                    nextWindowStart(local)));
        }
        if (kind == ContactKind.CALL && lastConversation != null && !noCallsAfterConversation.isZero()) {
            Instant quietUntil = lastConversation.plus(noCallsAfterConversation);
            if (at.isBefore(quietUntil)) {
                return Optional.of(new Violation("no calls for " + describe(noCallsAfterConversation)
                        + " after a conversation", quietUntil));
            }
        }
        Caps limits = caps.getOrDefault(kind, Caps.NONE);
        for (Period period : Period.values()) {
            Integer cap = period.of(limits);
            if (cap == null) {
                continue;
            }
            String what = (kind == ContactKind.CALL ? "call" : "message") + (cap == 1 ? "" : "s");
            Instant[] bounds = windows == Windows.CALENDAR ? period.calendarBounds(local) : period.rollingBounds(at);
            List<Instant> inWindow = contacts.stream()
                    .filter(contact -> !contact.isBefore(bounds[0]) && contact.isBefore(bounds[1])).toList();
            if (inWindow.size() >= cap) {
                Instant free = windows == Windows.CALENDAR ? bounds[1]
                        : inWindow.get(inWindow.size() - cap).plus(period.rolling);
                return Optional.of(new Violation("cap: " + cap + " " + what + " " + period.label(windows), free));
            }
        }
        return Optional.empty();
    }

    /** The start of the next allowed window after {@code local}, on this day or a later one. */
    private Instant nextWindowStart(ZonedDateTime local) {
        LocalDate day = local.toLocalDate();
        for (int ahead = 0; ahead < 400; ahead++) {
            LocalDate candidate = day.plusDays(ahead);
            Hours window = hours.get(calendar.dayType(candidate));
            if (window == null) {
                continue;
            }
            if (ahead == 0) {
                if (local.toLocalTime().isBefore(window.from())) {
                    return candidate.atTime(window.from()).atZone(local.getZone()).toInstant();
                }
                continue;
            }
            return candidate.atTime(window.from()).atZone(local.getZone()).toInstant();
        }
        throw new IllegalStateException("contact rules " + policy.preset() + " allow no contact within 400 days");
    }

    private String describeHours() {
        List<String> parts = new ArrayList<>();
        parts.add(label(hours.get(DayType.WORKING)) + " on working days");
        parts.add(label(hours.get(DayType.WEEKEND)) + " on weekends");
        parts.add(label(hours.get(DayType.HOLIDAY)) + " on holidays");
        return String.join(", ", parts);
    }

    private static String label(Hours window) {
        return window == null ? "none" : window.toString();
    }

    private static String describe(Duration duration) {
        long days = duration.toDays();
        return days * 24 == duration.toHours() && days > 0 ? days + (days == 1 ? " day" : " days")
                : duration.toHours() + " hours";
    }

    private enum Period {
        DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30));

        final Duration rolling;

        Period(Duration rolling) {
            this.rolling = rolling;
        }

        Integer of(Caps caps) {
            return switch (this) {
                case DAY -> caps.perDay();
                case WEEK -> caps.perWeek();
                case MONTH -> caps.perMonth();
            };
        }

        String label(Windows windows) {
            if (windows == Windows.ROLLING) {
                return switch (this) {
                    case DAY -> "in 24 hours";
                    case WEEK -> "in 7 days";
                    case MONTH -> "in 30 days";
                };
            }
            return "a " + name().toLowerCase(Locale.ROOT);
        }

        Instant[] calendarBounds(ZonedDateTime local) {
            LocalDate day = local.toLocalDate();
            LocalDate start = switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
            LocalDate end = switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
            };
            return new Instant[] {start.atStartOfDay(local.getZone()).toInstant(),
                    end.atStartOfDay(local.getZone()).toInstant()};
        }

        Instant[] rollingBounds(Instant at) {
            // Contacts strictly within the period before this moment; the candidate moment itself is free.
            return new Instant[] {at.minus(rolling).plusNanos(1), at.plusNanos(1)};
        }
    }

    private static Optional<Hours> hours(String text, String field, List<InvalidContactPolicyException.FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(error(field, "is missing; give hours such as 08:00-22:00, or none"));
            return Optional.empty();
        }
        if (text.strip().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        Matcher matcher = HOURS.matcher(text.strip());
        try {
            if (matcher.matches()) {
                LocalTime from = LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
                LocalTime to = matcher.group(3).equals("24") && matcher.group(4).equals("00") ? LocalTime.MIDNIGHT
                        : LocalTime.of(Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)));
                if (to.equals(LocalTime.MIDNIGHT) || from.isBefore(to)) {
                    return Optional.of(new Hours(from, to));
                }
            }
        } catch (DateTimeException e) {
            // reported below
        }
        errors.add(error(field, "'" + text + "' is not hours such as 08:00-22:00 (from before to; 00:00-24:00 for "
                + "the whole day), or none"));
        return Optional.empty();
    }

    private static Caps caps(String text, String field, List<InvalidContactPolicyException.FieldError> errors) {
        Matcher matcher = text == null ? null : CAPS.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            errors.add(error(field, "'" + text + "' is not caps per day/week/month such as 2/4/16 (- for no cap)"));
            return Caps.NONE;
        }
        return new Caps(cap(matcher.group(1)), cap(matcher.group(2)), cap(matcher.group(3)));
    }

    private static Integer cap(String text) {
        return text.equals("-") ? null : Integer.valueOf(text);
    }

    private static InvalidContactPolicyException.FieldError error(String field, String message) {
        return new InvalidContactPolicyException.FieldError(field, message);
    }
}
