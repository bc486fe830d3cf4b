package dev.dunning.contact;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contact rules shipped for common jurisdictions; a group starts from one and may change any field. */
final class Presets {

    /** Russia, 230-FZ, individuals: 8-22 on working days and 9-20 otherwise; calls 1/2/8, messages 2/4/16. */
    static final ContactPolicy RU_230FZ = new ContactPolicy("ru-230fz", "Europe/Moscow", "ru", "08:00-22:00",
            "09:00-20:00", "09:00-20:00", "1/2/8", "2/4/16", "calendar", "P0D", List.of());

    /** US, Regulation F: 8 a.m. to 9 p.m.; at most 7 call attempts in 7 days and none for 7 days after a conversation. */
    static final ContactPolicy US_REGULATION_F = new ContactPolicy("us-regulation-f", "America/New_York", "us",
            "08:00-21:00", "08:00-21:00", "08:00-21:00", "-/7/-", "-/-/-", "rolling", "P7D", List.of());

    /** Businesses and public bodies: office hours on working days, no caps. */
    static final ContactPolicy OFFICE_HOURS = new ContactPolicy("office-hours", "Europe/Moscow", "ru", "09:00-18:00",
            "none", "none", "-/-/-", "-/-/-", "calendar", "P0D", List.of());

    /** No rules: any time, any number. */
    static final ContactPolicy NONE = new ContactPolicy("none", "UTC", "none", "00:00-00:00", "00:00-00:00",
            "00:00-00:00", "-/-/-", "-/-/-", "calendar", "P0D", List.of());

    private static final Map<String, ContactPolicy> BY_NAME = Map.of(RU_230FZ.preset(), RU_230FZ,
            US_REGULATION_F.preset(), US_REGULATION_F, OFFICE_HOURS.preset(), OFFICE_HOURS, NONE.preset(), NONE);

    private Presets() {
    }

    static Optional<ContactPolicy> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.strip()));
    }

    static java.util.Set<String> names() {
        return new java.util.TreeSet<>(BY_NAME.keySet());
    }
}
