package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class DeliveryErrorsTest {

    @Test
    void theErrorKeptForAnAdminNamesTheCauseButNoAddressOrPhone() {
        var refused = new IllegalStateException(
                "550 5.1.1 <ivan.petrov@example.org>: Recipient address rejected; call +7 (900) 123-45-67");

        assertThat(DeliveryErrors.summary(refused)).isEqualTo(
                "IllegalStateException: 550 5.1.1 <<address>>: Recipient address rejected; call <number>");
    }

    @Test
    void aWrappedFailureShowsTheOuterTypeAndTheRootCause() {
        var down = new MailSendException("Mail server connection failed", new ConnectException("Connection refused"));

        assertThat(DeliveryErrors.summary(down)).isEqualTo("MailSendException (ConnectException: Connection refused)");
    }

    @Test
    void aLongErrorIsCutShort() {
        assertThat(DeliveryErrors.summary(new RuntimeException("x".repeat(5000)))).hasSize(DeliveryErrors.MAX_LENGTH);
    }
}
