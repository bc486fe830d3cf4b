package dev.dunning.notify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import dev.dunning.ledger.Customer;

/**
 * Plain-text UTF-8 email through Spring's {@link JavaMailSender} (configured by {@code spring.mail.*}).
 * Exists only with {@code dunning.notify.email.enabled=true}, so that the demo needs no mail server.
 */
@Component
@ConditionalOnProperty(name = "dunning.notify.email.enabled", havingValue = "true")
class EmailChannel implements Channel {

    static final String NAME = "email";

    private final JavaMailSender mail;
    private final String from;

    EmailChannel(JavaMailSender mail, NotifyProperties properties) {
        this.mail = mail;
        this.from = properties.email().from();
        if (from == null || from.isBlank()) {
            throw new IllegalStateException("dunning.notify.email.from must be set when dunning.notify.email.enabled=true");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Route> route(Customer customer) {
        String email = customer.email();
        return email == null || email.isBlank() ? Optional.empty() : Optional.of(new Route(NAME, email.strip()));
    }

    @Override
    public void send(Notice notice) {
        MimeMessage message = mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(notice.recipient());
            helper.setSubject(notice.subject());
            helper.setText(notice.body(), false);
        } catch (MessagingException e) {
            throw new MailPreparationException("notice " + notice.noticeId() + " cannot be made into an email", e);
        }
        mail.send(message);
    }
}
