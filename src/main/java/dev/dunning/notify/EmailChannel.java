package dev.dunning.notify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import dev.dunning.contact.ContactKind;
import dev.dunning.ledger.Customer;

/**
 * Email through Spring's {@link JavaMailSender} ({@code spring.mail.*}): plain text, or plain text and HTML
 * when the template has an HTML variant, with attachments, a {@code List-Unsubscribe} header carrying the
 * signed opt-out link, and a Message-ID made from the notice id, so that a mail client files a repeated
 * delivery of the same notice as one message. A notice that offers a payment QR code carries it: inline below the
 * HTML, or as a picture attached to a plain-text email. Exists only with {@code dunning.notify.email.enabled=true}.
 */
@Component
@ConditionalOnProperty(name = "dunning.notify.email.enabled", havingValue = "true")
class EmailChannel implements Channel {

    static final String NAME = "email";
    static final String QR_CONTENT_ID = "payment-qr";
    static final String QR_FILE_NAME = "payment-qr.png";

    private final JavaMailSender mail;
    private final InternetAddress from;
    private final String messageIdDomain;
    /**
     * Made once: for a message of its own class MimeMessageHelper would otherwise read the MIME type files from the
     * class path for every email (measured: two thirds of the sender's time).
     */
    private final ConfigurableMimeFileTypeMap fileTypes = new ConfigurableMimeFileTypeMap();

    EmailChannel(JavaMailSender mail, NotifyProperties properties) {
        this.mail = mail;
        String sender = properties.email().from();
        if (sender == null || sender.isBlank()) {
            throw new IllegalStateException("dunning.notify.email.from must be set when dunning.notify.email.enabled=true");
        }
        try {
            this.from = new InternetAddress(sender, true);
        } catch (AddressException e) {
            throw new IllegalStateException("dunning.notify.email.from is not an email address: " + e.getMessage(), e);
        }
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);
        fileTypes.afterPropertiesSet();
        nameTheMailStreamProvider();
    }

    /**
     * Jakarta Mail 2.1 looks up its stream provider with a ServiceLoader, a scan of every jar, for each header it
     * encodes and each part it writes (jakartaee/mail-api#861); named as a system property, it is loaded by name.
     */
    private static void nameTheMailStreamProvider() {
        String property = "jakarta.mail.util.StreamProvider";
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) == null
                && org.springframework.util.ClassUtils.isPresent(angus, EmailChannel.class.getClassLoader())) {
            System.setProperty(property, angus);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ContactKind kind() {
        return ContactKind.MESSAGE;
    }

    @Override
    public boolean rich() {
        return true;
    }

    @Override
    public Optional<String> address(Customer customer) {
        String email = customer.email();
        return email == null || email.isBlank() ? Optional.empty() : Optional.of(email.strip());
    }

    @Override
    public Delivery send(OutgoingNotice notice) {
        MimeMessage message = message(notice);
        try {
            mail.send(message);
        } catch (MailSendException e) {
            if (e.getFailedMessages().values().stream().anyMatch(EmailChannel::permanent)) {
                throw new PermanentDeliveryFailure("the mail server refused the recipient or the message", e);
            }
            throw e;
        }
        return new Delivery(messageId(notice));
    }

    private MimeMessage message(OutgoingNotice notice) {
        Session session = mail.createMimeMessage().getSession();
        MimeMessage message = new StableIdMessage(session, messageId(notice));
        try {
            boolean qrCode = notice.payment() != null && notice.payment().hasQrCode();
            boolean multipart = notice.htmlBody() != null || !notice.attachments().isEmpty() || qrCode;
            MimeMessageHelper helper = new MimeMessageHelper(message, multipart, StandardCharsets.UTF_8.name()) {
                @Override
                protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
                    return fileTypes;
                }
            };
            helper.setFrom(from);
            helper.setTo(new InternetAddress(notice.recipient(), true));
            helper.setSubject(notice.subject() == null ? notice.template() : notice.subject());
            if (notice.htmlBody() != null) {
                helper.setText(notice.body(), qrCode ? withQrCode(notice.htmlBody(), notice.locale()) : notice.htmlBody());
            } else {
                helper.setText(notice.body(), false);
            }
            if (qrCode) {
                byte[] png = notice.payment().qrPng();
                // In an HTML email the code shows below the text; a plain one carries it as a picture a banking app
                // can scan from the phone's gallery.
                if (notice.htmlBody() != null) {
                    helper.addInline(QR_CONTENT_ID, new ByteArrayResource(png), "image/png");
                } else {
                    helper.addAttachment(QR_FILE_NAME, new ByteArrayResource(png), "image/png");
                }
            }
            for (OutgoingNotice.Attachment attachment : notice.attachments()) {
                helper.addAttachment(attachment.fileName(), new ByteArrayResource(attachment.content()),
                        attachment.contentType());
            }
            String unsubscribe = notice.links().get("unsubscribe");
            if (unsubscribe != null) {
                message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
                // RFC 8058: the link itself unsubscribes on a POST, so mail clients can offer a one-click button.
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        } catch (AddressException e) {
            throw new PermanentDeliveryFailure("the customer's email address is not valid", e);
        } catch (MessagingException e) {
            throw new MailPreparationException("notice " + notice.noticeId() + " cannot be made into an email", e);
        }
        return message;
    }

    private static String withQrCode(String html, String locale) {
        String caption = locale != null && locale.startsWith("en") ? "Scan the QR code in your banking app to pay."
                : "Отсканируйте QR-код в приложении банка, чтобы оплатить.";
        return html + "\n<p>" + caption + "</p>\n<p><img src=\"cid:" + QR_CONTENT_ID
                + "\" alt=\"QR\" width=\"180\" height=\"180\"/></p>";
    }

    private String messageId(OutgoingNotice notice) {
        return "<" + notice.noticeId() + "@" + messageIdDomain + ">";
    }

    /** 5xx replies (unknown user, refused content) will not change on a retry; 4xx and network errors may. */
    private static boolean permanent(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException refused) {
                return refused.getReturnCode() >= 500;
            }
            if (cause instanceof jakarta.mail.SendFailedException sendFailed
                    && sendFailed.getInvalidAddresses() != null && sendFailed.getInvalidAddresses().length > 0
                    && (sendFailed.getValidSentAddresses() == null || sendFailed.getValidSentAddresses().length == 0)) {
                return true;
            }
        }
        return false;
    }

    /** Jakarta Mail makes up a new Message-ID on every save; this one keeps the notice's. */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
