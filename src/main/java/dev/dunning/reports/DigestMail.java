package dev.dunning.reports;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends the digest through Spring's {@link JavaMailSender} ({@code spring.mail.*}, the mail server the notices use),
 * from {@code dunning.digest.from} or else {@code dunning.notify.email.from}: plain text with an HTML alternative, one
 * message per recipient so that no one sees the others' addresses.
 */
@Component
class DigestMail {

    private static final Logger log = LoggerFactory.getLogger(DigestMail.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final InternetAddress from;
    private final String missing;
    private final AtomicBoolean warned = new AtomicBoolean();

    DigestMail(ObjectProvider<JavaMailSender> mail, DigestProperties properties,
            @Value("${dunning.notify.email.from:}") String noticeSender) {
        this.mail = mail;
        String sender = properties.from() != null ? properties.from() : noticeSender.isBlank() ? null : noticeSender.strip();
        if (sender == null) {
            this.from = null;
            this.missing = "no sender: set dunning.digest.from or dunning.notify.email.from";
        } else {
            try {
                this.from = new InternetAddress(sender, true);
            } catch (AddressException e) {
                throw new IllegalStateException("dunning.digest.from (or dunning.notify.email.from) is not an email"
                        + " address: " + e.getMessage(), e);
            }
            this.missing = "no mail server: set spring.mail.host (and port, username, password)";
        }
    }

    /** Why the digest cannot be mailed, or null when it can. */
    String notConfigured() {
        return from != null && mail.getIfAvailable() != null ? null : missing;
    }

    /** Logs once per run of the application that the digest is not mailed, and why. */
    void warnNotConfiguredOnce() {
        if (warned.compareAndSet(false, true)) {
            log.warn("The daily digest is not mailed: {}", notConfigured());
        }
    }

    void send(String recipient, DigestTemplates.Rendered digest) {
        JavaMailSender sender = mail.getObject();
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, digest.html() != null, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(new InternetAddress(recipient, true));
            helper.setSubject(digest.subject());
            if (digest.html() != null) {
                helper.setText(digest.text(), digest.html());
            } else {
                helper.setText(digest.text(), false);
            }
        } catch (MessagingException e) {
            throw new MailPreparationException("the digest cannot be made into an email: " + e.getMessage(), e);
        }
        sender.send(message);
    }
}
