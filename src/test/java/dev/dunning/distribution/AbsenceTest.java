package dev.dunning.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class AbsenceTest {

    private static final LocalDate MARCH_10 = LocalDate.of(2026, 3, 10);

    @Test
    void anAbsenceCoversItsFirstAndLastDayAndNothingOutside() {
        Absence leave = new Absence("anna", MARCH_10, MARCH_10.plusDays(4), "leave", "manager", Instant.EPOCH);

        assertThat(leave.covers(MARCH_10.minusDays(1))).isFalse();
        assertThat(leave.covers(MARCH_10)).isTrue();
        assertThat(leave.covers(MARCH_10.plusDays(4))).isTrue();
        assertThat(leave.covers(MARCH_10.plusDays(5))).isFalse();
    }

    @Test
    void anAbsenceUntilFurtherNoticeNeverEnds() {
        Absence sick = new Absence("anna", MARCH_10, null, null, "manager", Instant.EPOCH);

        assertThat(sick.covers(MARCH_10.plusYears(3))).isTrue();
        assertThat(sick.covers(MARCH_10.minusDays(1))).isFalse();
    }
}
