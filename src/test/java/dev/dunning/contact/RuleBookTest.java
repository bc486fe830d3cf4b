package dev.dunning.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RuleBookTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static RuleBook rules(ContactPolicy policy) {
        return RuleBook.of(policy, name -> Optional.ofNullable(switch (name) {
            case "ru" -> HolidayCalendar.RU;
            case "us" -> HolidayCalendar.US;
            case "none" -> HolidayCalendar.NONE;
            default -> null;
        }));
    }

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    private static ContactDecision message(RuleBook rules, ZoneId zone, String local, String... earlier) {
        return rules.decide(ContactKind.MESSAGE, zone, at(local, zone),
                List.of(earlier).stream().map(each -> at(each, zone)).toList(), null);
    }

    private static ContactDecision.Deferred deferred(ContactDecision decision) {
        assertThat(decision).isInstanceOf(ContactDecision.Deferred.class);
        return (ContactDecision.Deferred) decision;
    }

    @Test
    void underRussianRulesAMessageBeforeEightOnAWorkingDayWaitsUntilEightInTheDebtorsZone() {
        RuleBook rules = rules(Presets.RU_230FZ);

        ContactDecision.Deferred early = deferred(message(rules, MOSCOW, "2026-03-03T07:59"));

        assertThat(early.until()).isEqualTo(at("2026-03-03T08:00", MOSCOW));
        assertThat(early.reason()).isEqualTo("quiet hours: 08:00-22:00 on working days, 09:00-20:00 on weekends, "
                + "09:00-20:00 on holidays, Europe/Moscow");
        assertThat(message(rules, MOSCOW, "2026-03-03T08:00")).isInstanceOf(ContactDecision.Allowed.class);
        assertThat(message(rules, MOSCOW, "2026-03-03T21:59")).isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void afterTenOnAFridayEveningTheNextMomentIsNineOnSaturdayMorning() {
        assertThat(deferred(message(rules(Presets.RU_230FZ), MOSCOW, "2026-03-06T22:00")).until())
                .isEqualTo(at("2026-03-07T09:00", MOSCOW));
    }

    @Test
    void holidaysAndADayOffMovedFromASundayKeepWeekendHours() {
        RuleBook rules = rules(Presets.RU_230FZ);

        assertThat(deferred(message(rules, MOSCOW, "2026-01-07T08:30")).until()).isEqualTo(at("2026-01-07T09:00", MOSCOW));
        // March 8, 2026 is a Sunday: the day off moves to Monday the 9th.
        assertThat(deferred(message(rules, MOSCOW, "2026-03-09T08:30")).until()).isEqualTo(at("2026-03-09T09:00", MOSCOW));
        assertThat(message(rules, MOSCOW, "2026-03-10T08:30")).isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void theDebtorsOwnZoneDecidesNotTheCompanys() {
        RuleBook rules = rules(Presets.RU_230FZ);
        ZoneId vladivostok = ZoneId.of("Asia/Vladivostok");
        Instant fiveInTheMorningInMoscow = at("2026-03-03T05:00", MOSCOW);

        // It is already noon in Vladivostok.
        assertThat(rules.decide(ContactKind.MESSAGE, vladivostok, fiveInTheMorningInMoscow, List.of(), null))
                .isInstanceOf(ContactDecision.Allowed.class);
        assertThat(rules.decide(ContactKind.MESSAGE, MOSCOW, fiveInTheMorningInMoscow, List.of(), null))
                .isInstanceOf(ContactDecision.Deferred.class);
        assertThat(rules.zoneOf("Not/AZone")).isEqualTo(MOSCOW);
        assertThat(rules.zoneOf("Asia/Vladivostok")).isEqualTo(vladivostok);
    }

    @Test
    void twoMessagesADayThenTheThirdWaitsForTomorrowAndFourAWeekForNextMonday() {
        RuleBook rules = rules(Presets.RU_230FZ);

        ContactDecision.Deferred third = deferred(message(rules, MOSCOW, "2026-03-03T15:00",
                "2026-03-03T09:00", "2026-03-03T12:00"));
        assertThat(third.until()).isEqualTo(at("2026-03-04T08:00", MOSCOW));
        assertThat(third.reason()).isEqualTo("cap: 2 messages a day");

        ContactDecision.Deferred fifth = deferred(message(rules, MOSCOW, "2026-03-04T10:00",
                "2026-03-02T09:00", "2026-03-02T12:00", "2026-03-03T09:00", "2026-03-03T12:00"));
        assertThat(fifth.until()).isEqualTo(at("2026-03-09T09:00", MOSCOW));
        assertThat(fifth.reason()).isEqualTo("cap: 4 messages a week");
    }

    @Test
    void sixteenMessagesInAMonthWaitForTheFirstOfTheNext() {
        List<String> earlier = new java.util.ArrayList<>();
        for (int week = 0; week < 4; week++) {
            for (int day = 0; day < 2; day++) {
                String date = java.time.LocalDate.of(2026, 3, 2).plusWeeks(week).plusDays(day).toString();
                earlier.add(date + "T09:00");
                earlier.add(date + "T12:00");
            }
        }
        assertThat(deferred(message(rules(Presets.RU_230FZ), MOSCOW, "2026-03-31T10:00",
                earlier.toArray(String[]::new))).until()).isEqualTo(at("2026-04-01T08:00", MOSCOW));
    }

    @Test
    void regulationFAllowsSevenCallAttemptsInAnySevenDaysAndNoneForAWeekAfterAConversation() {
        RuleBook rules = rules(Presets.US_REGULATION_F);
        List<Instant> sevenCalls = java.util.stream.IntStream.range(0, 7)
                .mapToObj(day -> at("2026-04-0" + (day + 1) + "T10:00", NEW_YORK)).toList();

        ContactDecision.Deferred eighth = (ContactDecision.Deferred) rules.decide(ContactKind.CALL, NEW_YORK,
                at("2026-04-07T15:00", NEW_YORK), sevenCalls, null);
        assertThat(eighth.until()).isEqualTo(at("2026-04-08T10:00", NEW_YORK));
        assertThat(eighth.reason()).isEqualTo("cap: 7 calls in 7 days");

        Instant conversation = at("2026-04-20T11:00", NEW_YORK);
        ContactDecision.Deferred afterTalking = (ContactDecision.Deferred) rules.decide(ContactKind.CALL, NEW_YORK,
                at("2026-04-22T11:00", NEW_YORK), List.of(conversation), conversation);
        assertThat(afterTalking.until()).isEqualTo(at("2026-04-27T11:00", NEW_YORK));
        assertThat(afterTalking.reason()).isEqualTo("no calls for 7 days after a conversation");
        assertThat(rules.decide(ContactKind.MESSAGE, NEW_YORK, at("2026-04-22T11:00", NEW_YORK), List.of(), conversation))
                .isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void onTheNightTheClocksGoForwardInNewYorkTheMorningStartsAtEightDaylightTime() {
        // 2026-03-08: 02:00 EST becomes 03:00 EDT.
        Instant oneInTheMorning = at("2026-03-08T01:00", NEW_YORK);

        ContactDecision.Deferred deferred = (ContactDecision.Deferred) rules(Presets.US_REGULATION_F)
                .decide(ContactKind.MESSAGE, NEW_YORK, oneInTheMorning, List.of(), null);

        assertThat(deferred.until()).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
    }

    @Test
    void businessesAreContactedInOfficeHoursOnWorkingDaysOnly() {
        RuleBook rules = rules(Presets.OFFICE_HOURS);

        assertThat(deferred(message(rules, MOSCOW, "2026-03-07T12:00")).until()).isEqualTo(at("2026-03-10T09:00", MOSCOW));
        assertThat(message(rules, MOSCOW, "2026-03-10T17:59")).isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void aLetterIsNeitherCappedNorBoundToHours() {
        assertThat(rules(Presets.RU_230FZ).decide(ContactKind.LETTER, MOSCOW, at("2026-03-08T03:00", MOSCOW),
                List.of(), null)).isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void aPolicyWithMistakesListsEveryWrongField() {
        ContactPolicy broken = new ContactPolicy("ru-230fz", "Mars/Olympus", "atlantis", "25:00-22:00", "none", "20:00-09:00",
                "1/two/8", "2/4/16", "sometimes", "P90D", List.of("Voice"));

        assertThatThrownBy(() -> rules(broken))
                .isInstanceOfSatisfying(InvalidContactPolicyException.class, invalid -> assertThat(invalid.errors())
                        .extracting(InvalidContactPolicyException.FieldError::field)
                        .containsExactly("timeZone", "calendar", "workingDays", "holidays", "calls", "capWindows",
                                "noCallsAfterConversation", "consentRequired"));
    }
}
