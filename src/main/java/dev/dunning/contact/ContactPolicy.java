package dev.dunning.contact;

import java.util.List;

/**
 * A customer group's contact rules as people read and edit them ({@code GET/PUT /api/contact-rules/{group}},
 * {@code dunning.contact.groups.<group>.*}). Every field but {@code preset} may be left out: it then comes from
 * the preset.
 *
 * @param preset                   {@code ru-230fz}, {@code us-regulation-f}, {@code office-hours} or {@code none}
 * @param timeZone                 the zone of debtors whose own is unknown (an IANA id, {@code Europe/Moscow})
 * @param calendar                 the holiday calendar ({@code ru}, {@code us}, or one configured)
 * @param workingDays              allowed hours on working days in the debtor's time, {@code 08:00-22:00};
 *                                 {@code none} for no contact; {@code 00:00-00:00} for the whole day
 * @param weekends                 likewise on Saturdays and Sundays that are not moved working days
 * @param holidays                 likewise on the calendar's holidays
 * @param calls                    caps on calls (collectors' and the voice robot's) per day, week and month,
 *                                 {@code 1/2/8}; {@code -} for no cap in a period
 * @param messages                 caps on messages (email, SMS, messengers), likewise
 * @param capWindows               {@code calendar} (the debtor's day, Monday-to-Sunday week and month) or
 *                                 {@code rolling} (the last 24 hours, 7 days and 30 days)
 * @param noCallsAfterConversation how long after a conversation no call may be made, {@code P7D}
 * @param consentRequired          channels that may be used only with the debtor's recorded consent
 */
public record ContactPolicy(
        String preset,
        String timeZone,
        String calendar,
        String workingDays,
        String weekends,
        String holidays,
        String calls,
        String messages,
        String capWindows,
        String noCallsAfterConversation,
        List<String> consentRequired) {

    /** This policy's fields, each taken from {@code base} where this one leaves it out. */
    ContactPolicy over(ContactPolicy base) {
        return new ContactPolicy(preset == null ? base.preset : preset, or(timeZone, base.timeZone),
                or(calendar, base.calendar), or(workingDays, base.workingDays), or(weekends, base.weekends),
                or(holidays, base.holidays), or(calls, base.calls), or(messages, base.messages),
                or(capWindows, base.capWindows), or(noCallsAfterConversation, base.noCallsAfterConversation),
                consentRequired == null ? base.consentRequired : consentRequired);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
