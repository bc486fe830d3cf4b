package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.dunning.ledger.Customer;

class ChannelsTest {

    private static Customer customerWithEmail(String email) {
        return new Customer("c-1", "Иван Петров", "individual", email, "+79001234567", null, "ru", null, null, null, null);
    }

    private static Channels emailEnabled() {
        NotifyProperties properties = TestSettings.defaults(true);
        return new Channels(List.of(new LogChannel(), new EmailChannel(new JavaMailSenderImpl(), properties)), properties);
    }

    private static Channels emailDisabled() {
        return new Channels(List.of(new LogChannel()), TestSettings.defaults(false));
    }

    @Test
    void aCustomerWithAnEmailAddressGetsEmailWhenEmailIsEnabled() {
        assertThat(emailEnabled().choose(customerWithEmail(" ivan@example.org "), List.of("email")))
                .isEqualTo(new Channels.Route("email", "ivan@example.org", List.of()));
    }

    @Test
    void aCustomerWithoutEmailAddressGetsTheLog() {
        assertThat(emailEnabled().choose(customerWithEmail(null), List.of("email")))
                .isEqualTo(new Channels.Route("log", null, List.of()));
        assertThat(emailEnabled().choose(customerWithEmail("  "), List.of("email")))
                .isEqualTo(new Channels.Route("log", null, List.of()));
    }

    @Test
    void whenEmailIsDisabledEvenACustomerWithAnAddressGetsTheLog() {
        assertThat(emailDisabled().choose(customerWithEmail("ivan@example.org"), List.of("email")))
                .isEqualTo(new Channels.Route("log", null, List.of()));
    }

    @Test
    void channelsThatDoNotExistHereAreSkippedInTheOrderGiven() {
        assertThat(emailEnabled().choose(customerWithEmail("ivan@example.org"), List.of("sms", "telegram", "email")))
                .isEqualTo(new Channels.Route("email", "ivan@example.org", List.of()));
        assertThat(emailEnabled().choose(customerWithEmail("ivan@example.org"), null))
                .isEqualTo(new Channels.Route("log", null, List.of()));
    }

    @Test
    void aFallbackChannelThatIsNotEnabledStopsTheStart() {
        NotifyProperties emailFallback = new NotifyProperties("email", "ru", "Dunning demo", 6,
                TestSettings.defaults(false).retryDelays(), TestSettings.defaults(false).sendingLease(), 20, 4, null,
                new NotifyProperties.Email(false, null));

        assertThatThrownBy(() -> new Channels(List.of(new LogChannel()), emailFallback))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dunning.notify.fallback-channel=email");
    }

    @Test
    void enablingEmailWithoutASenderAddressStopsTheStart() {
        NotifyProperties noSender = new NotifyProperties("log", "ru", "Dunning demo", 6,
                TestSettings.defaults(true).retryDelays(), TestSettings.defaults(true).sendingLease(), 20, 4, null,
                new NotifyProperties.Email(true, " "));

        assertThatThrownBy(() -> new EmailChannel(new JavaMailSenderImpl(), noSender))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dunning.notify.email.from");
    }
}
