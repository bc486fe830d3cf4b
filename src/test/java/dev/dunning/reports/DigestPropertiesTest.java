package dev.dunning.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The digest's settings are checked at start-up, each with what is wrong and where. */
class DigestPropertiesTest {

    @Test
    void aBadHourLocaleOrExtraRecipientStopsTheStartWithTheSettingsName() {
        assertThatThrownBy(() -> new DigestProperties(true, "7:30", "en", List.of(), null))
                .hasMessageStartingWith("dunning.digest.cron must be a cron expression");
        assertThatThrownBy(() -> new DigestProperties(true, DigestProperties.DEFAULT_CRON, "english!", List.of(), null))
                .hasMessageStartingWith("dunning.digest.locale must be a locale");
        assertThatThrownBy(() -> new DigestProperties(true, DigestProperties.DEFAULT_CRON, "en",
                List.of("board@example.com", "nobody"), null))
                .hasMessageContaining("dunning.digest.extra-recipients").hasMessageContaining("'nobody'");
    }

    @Test
    void extraRecipientsAreTrimmedAndEmptyEntriesDropped() {
        DigestProperties properties = new DigestProperties(true, " 0 0 8 * * MON-FRI ", "ru",
                List.of(" board@example.com", ""), " ");

        assertThat(properties.extraRecipients()).containsExactly("board@example.com");
        assertThat(properties.cron()).isEqualTo("0 0 8 * * MON-FRI");
        assertThat(properties.from()).isNull();
    }
}
