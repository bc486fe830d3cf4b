package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void aFailedNoticeIsRetriedAfter1Minute5Minutes30Minutes2HoursAnd12HoursThenGivenUpOnTheSixthFailure() {
        RetrySchedule schedule = RetrySchedule.of(TestSettings.defaults(false));

        assertThat(schedule.delayAfter(1)).contains(Duration.ofMinutes(1));
        assertThat(schedule.delayAfter(2)).contains(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(3)).contains(Duration.ofMinutes(30));
        assertThat(schedule.delayAfter(4)).contains(Duration.ofHours(2));
        assertThat(schedule.delayAfter(5)).contains(Duration.ofHours(12));
        assertThat(schedule.delayAfter(6)).isEmpty();
    }

    @Test
    void withMoreAttemptsThanDelaysTheLastDelayRepeats() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofHours(1)), 5);

        assertThat(schedule.delayAfter(2)).contains(Duration.ofHours(1));
        assertThat(schedule.delayAfter(4)).contains(Duration.ofHours(1));
        assertThat(schedule.delayAfter(5)).isEqualTo(Optional.empty());
    }

    @Test
    void withOneAttemptThereIsNoRetry() {
        assertThat(new RetrySchedule(List.of(Duration.ofMinutes(1)), 1).delayAfter(1)).isEmpty();
    }

    @Test
    void aRetryFollowsAnAttempt() {
        assertThatThrownBy(() -> RetrySchedule.of(TestSettings.defaults(false)).delayAfter(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
