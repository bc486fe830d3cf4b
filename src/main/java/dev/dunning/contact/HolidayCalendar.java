package dev.dunning.contact;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which days are working days, weekends and holidays in a jurisdiction.
 *
 * @param holidays        public holidays, including days off moved from a weekend
 * @param workingWeekends Saturdays and Sundays made working days (Russia moves days off this way)
 */
record HolidayCalendar(String name, Set<LocalDate> holidays, Set<LocalDate> workingWeekends) {

    enum DayType {
        WORKING, WEEKEND, HOLIDAY
    }

    HolidayCalendar {
        holidays = Set.copyOf(holidays);
        workingWeekends = Set.copyOf(workingWeekends);
    }

    DayType dayType(LocalDate day) {
        if (holidays.contains(day)) {
            return DayType.HOLIDAY;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return weekend && !workingWeekends.contains(day) ? DayType.WEEKEND : DayType.WORKING;
    }

    /**
     * Russia's production calendar: 2026 as the government's decree set it (January 1-9 off, with January 3 moved to
     * the 9th and January 4 to December 31; March 9 for March 8; May 11 for May 9), 2027 by the Labour Code's rule
     * (a holiday on a weekend moves to the next working day) until the decree for 2027 is published. Check these
     * against the official calendar and configure {@code dunning.contact.calendars.ru.*} where they differ.
     */
    static final HolidayCalendar RU = new HolidayCalendar("ru", Stream.of(
            range("2026-01-01", "2026-01-09"), days("2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11",
                    "2026-06-12", "2026-11-04", "2026-12-31"),
            range("2027-01-01", "2027-01-08"), days("2027-02-23", "2027-03-08", "2027-05-03", "2027-05-10",
                    "2027-06-14", "2027-11-04"))
            .flatMap(Set::stream).collect(Collectors.toSet()), Set.of());

    /**
     * US federal holidays with their observed days (a Saturday holiday is observed on Friday, a Sunday one on Monday).
     */
    static final HolidayCalendar US = new HolidayCalendar("us", days(
            "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07",
            "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25",
            "2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06",
            "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31"), Set.of());

    /** No holidays: Saturdays and Sundays are weekends, every other day a working day. */
    static final HolidayCalendar NONE = new HolidayCalendar("none", Set.of(), Set.of());

    private static Set<LocalDate> days(String... days) {
        return Stream.of(days).map(LocalDate::parse).collect(Collectors.toSet());
    }

    private static Set<LocalDate> range(String first, String last) {
        return LocalDate.parse(first).datesUntil(LocalDate.parse(last).plusDays(1)).collect(Collectors.toSet());
    }
}
