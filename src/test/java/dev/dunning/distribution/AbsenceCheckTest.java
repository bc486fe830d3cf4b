package dev.dunning.distribution;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AbsenceCheckTest {

    @Test
    void aScheduleThatIsNoCronExpressionIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new AbsenceCheck(null, null, null, "every morning"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dunning.distribution.away-check-cron: 'every morning' is not a cron expression");
    }
}
