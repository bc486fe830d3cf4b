package dev.dunning.contact;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the contact rules ({@code dunning.contact.*}).
 *
 * @param groups        each customer group's rules: a {@code preset} and any fields that differ from it
 * @param defaultPreset the rules of a group that has none configured
 * @param calendars     holiday calendars by name, replacing the shipped {@code ru} and {@code us} or adding others
 * @param cacheFor      how long a node keeps a group's rules before reading them again (an admin's edit on another
 *                      node takes this long to apply here)
 */
@ConfigurationProperties("dunning.contact")
record ContactProperties(
        Map<String, ContactPolicy> groups,
        @DefaultValue("ru-230fz") String defaultPreset,
        Map<String, Calendar> calendars,
        @DefaultValue("PT30S") Duration cacheFor) {

    /** A holiday calendar: holidays (and days off moved from weekends), and weekend days made working days. */
    record Calendar(List<LocalDate> holidays, List<LocalDate> workingWeekends) {
    }

    ContactProperties {
        groups = groups == null ? Map.of() : Map.copyOf(groups);
        calendars = calendars == null ? Map.of() : Map.copyOf(calendars);
        if (Presets.named(defaultPreset).isEmpty()) {
            throw new IllegalArgumentException("dunning.contact.default-preset must be one of " + Presets.names()
                    + ", not " + defaultPreset);
        }
    }
}
