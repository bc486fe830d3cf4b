package dev.dunning.channels.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PhonesTest {

    @Test
    void russianNumbersAsBillingWritesThemBecomeE164() {
        assertThat(Phones.e164("8 (900) 123-45-67", "7")).contains("+79001234567");
        assertThat(Phones.e164("+7 900 123 45 67", "7")).contains("+79001234567");
        assertThat(Phones.e164("9001234567", "7")).contains("+79001234567");
        assertThat(Phones.e164("007 900 123 45 67", "7")).contains("+79001234567");
    }

    @Test
    void aNumberWithoutItsCountryIsUsedOnlyWhenTheDeploymentNamesOne() {
        assertThat(Phones.e164("(202) 555-0123", "1")).contains("+12025550123");
        assertThat(Phones.e164("(202) 555-0123", "")).isEqualTo(Optional.empty());
        assertThat(Phones.e164("+1 202 555 0123", null)).contains("+12025550123");
    }

    @Test
    void whatCannotBeAPhoneNumberGivesNoAddress() {
        assertThat(Phones.e164("call the office", "7")).isEmpty();
        assertThat(Phones.e164("+7 12", "7")).isEmpty();
        assertThat(Phones.e164("   ", "7")).isEmpty();
        assertThat(Phones.e164("+1234567890123456", "7")).isEmpty();
    }
}
