package dev.dunning.channels.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.flowable.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.icegreen.greenmail.util.GreenMail;

import dev.dunning.cases.CaseActions;
import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;
import dev.dunning.support.LocalMailServer;

/** Paying must be easy: letters end with a payment slip whose QR code a banking app scans, emails carry the link. */
@SpringBootTest
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-payment-slips;DB_CLOSE_DELAY=-1",
        "dunning.contact.groups.individual.preset=none",
        "dunning.notify.letter.enabled=true",
        "dunning.notify.letter.batch-folder=target/payment-slips-test",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1",
        "dunning.payments.payee.name=ООО «Вода»",
        "dunning.payments.payee.personal-acc=40702810900000000001",
        "dunning.payments.payee.bank-name=ПАО Сбербанк",
        "dunning.payments.payee.bic=044525225",
        "dunning.payments.payee.corresp-acc=30101810400000000225",
        "dunning.payments.payee.inn=7707083893",
        "dunning.payments.link=https://pay.example.ru/?account={customerId}&sum={amount}",
        "dunning.providers.list.heat.name=Теплосеть",
        "dunning.providers.list.heat.services=heating",
        "dunning.payments.providers.heat.payee.name=АО «Теплосеть»",
        "dunning.payments.providers.heat.payee.personal-acc=40702810000000000777",
        "dunning.payments.providers.heat.payee.bank-name=Банк ВТБ (ПАО)",
        "dunning.payments.providers.heat.payee.bic=044525187",
        "dunning.payments.providers.heat.payee.corresp-acc=30101810700000000187",
        "dunning.payments.providers.heat.show=qr"})
class PaymentSlipsTest {

    @RegisterExtension
    static final LocalMailServer SMTP = new LocalMailServer();
    private static final GreenMail MAIL = SMTP.server();

    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.port", SMTP::port);
    }

    @Autowired
    Notices notices;
    @Autowired
    CaseActions plan;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;

    /** A customer owing 1,250.50 on an invoice due a month ago. */
    private String debtor() {
        String customerId = "PS-" + UUID.randomUUID().toString().substring(0, 8);
        var now = clock.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO customer (customer_id, name, group_name, email, locale, address, updated_at)
                VALUES (:id, 'Иван Петров', 'individual', :email, 'ru', 'ул. Ленина, д. 1, кв. 5, Казань', :now)""")
                .param("id", customerId).param("email", customerId.toLowerCase() + "@example.org").param("now", now).update();
        jdbc.sql("""
                INSERT INTO invoice (invoice_id, customer_id, contract, service, due_on, amount, currency, imported_at)
                VALUES (:id, :customer, 'K-1', 'heating', :due, 1250.50, 'RUB', :now)""")
                .param("id", customerId + "-1").param("customer", customerId).param("due", clock.today().minusMonths(1))
                .param("now", now).update();
        return customerId;
    }

    private String reminder(String customerId, String channel) {
        return notice(customerId, channel, "first-reminder");
    }

    private String notice(String customerId, String channel, String template) {
        Map<String, Object> model = new HashMap<>();
        model.put("conditionalDebt", new BigDecimal("1250.50"));
        model.put("realDebt", new BigDecimal("1250.50"));
        model.put("balance", new BigDecimal("1250.50"));
        model.put("today", clock.today());
        return notices.compose(new NoticeRequest(customerId, UUID.randomUUID().toString(), "sendReminder",
                template, List.of(channel), model, false));
    }

    private byte[] letterOf(String noticeId) {
        return jdbc.sql("SELECT pdf FROM letter WHERE notice_id = :id").param("id", noticeId).query(byte[].class).single();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replace('\u00a0', ' ').replaceAll("\\s+", " ");
        }
    }

    /** Every image in the PDF, as a banking app's scanner would read it. */
    private static List<String> scannedQrCodes(byte[] pdf) throws Exception {
        List<String> scanned = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                        scanned.add(scan(image.getImage()).getText());
                    }
                }
            }
        }
        return scanned;
    }

    private static Result scan(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))));
    }

    private static String plainText(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (!(part.getContent() instanceof jakarta.mail.Multipart multipart)) {
            return "";
        }
        StringBuilder texts = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            texts.append(plainText(multipart.getBodyPart(i)));
        }
        return texts.toString();
    }

    @Test
    void aLetterEndsWithAPaymentSlipWhoseQrCodeHoldsThePayeeTheAmountDueAndTheDebtorsAccount() throws Exception {
        String customerId = debtor();

        String noticeId = reminder(customerId, "letter");
        time.runDueNow();

        byte[] letter = letterOf(noticeId);
        assertThat(scannedQrCodes(letter)).containsExactly(expectedPayload(customerId));
        assertThat(text(letter)).contains("Как оплатить").contains("Отсканируйте QR-код в приложении банка")
                .contains("Получатель: ООО «Вода»").contains("Сумма: 1 250,50 RUB")
                .contains("Назначение платежа: Оплата задолженности по лицевому счёту " + customerId)
                .contains("https://pay.example.ru/?account=" + customerId + "&sum=1250.50");
    }

    @Test
    void anEmailNoticeCarriesThePaymentLinkForTheAmountDueAndThePurpose() throws Exception {
        String customerId = debtor();
        int before = MAIL.getReceivedMessages().length;

        reminder(customerId, "email");
        time.runDueNow();

        MimeMessage message = MAIL.getReceivedMessages()[before];
        assertThat(plainText(message))
                .contains("Оплатить онлайн: https://pay.example.ru/?account=" + customerId + "&sum=1250.50")
                .contains("Назначение платежа: Оплата задолженности по лицевому счёту " + customerId);
    }

    private static String expectedPayload(String customerId) {
        return "ST00012|Name=ООО «Вода»|PersonalAcc=40702810900000000001|BankName=ПАО Сбербанк|BIC=044525225"
                + "|CorrespAcc=30101810400000000225|Sum=125050|Purpose=Оплата задолженности по лицевому счёту "
                + customerId + "|PayeeINN=7707083893|PersAcc=" + customerId;
    }

    /** The parts of a message that {@code wanted} picks, however deep they are nested. */
    private static List<jakarta.mail.Part> parts(jakarta.mail.Part part, java.util.function.Predicate<jakarta.mail.Part> wanted)
            throws Exception {
        List<jakarta.mail.Part> found = new ArrayList<>();
        if (wanted.test(part)) {
            found.add(part);
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                found.addAll(parts(multipart.getBodyPart(i), wanted));
            }
        }
        return found;
    }

    private static String scannedImage(jakarta.mail.Part image) throws Exception {
        try (var in = image.getInputStream()) {
            return scan(javax.imageio.ImageIO.read(in)).getText();
        }
    }

    @Test
    void aPlainTextEmailCarriesTheQrCodeAsAPictureToScanFromTheGallery() throws Exception {
        String customerId = debtor();
        int before = MAIL.getReceivedMessages().length;

        reminder(customerId, "email");
        time.runDueNow();

        List<jakarta.mail.Part> pictures = parts(MAIL.getReceivedMessages()[before],
                part -> "payment-qr.png".equals(fileName(part)));
        assertThat(pictures).singleElement().satisfies(picture -> {
            assertThat(picture.getContentType()).startsWith("image/png");
            assertThat(scannedImage(picture)).isEqualTo(expectedPayload(customerId));
        });
    }

    @Test
    void anHtmlEmailShowsTheQrCodeInlineBelowTheText() throws Exception {
        String customerId = debtor();
        int before = MAIL.getReceivedMessages().length;

        notice(customerId, "email", "restriction-warning");
        time.runDueNow();

        MimeMessage message = MAIL.getReceivedMessages()[before];
        List<jakarta.mail.Part> inline = parts(message, part -> {
            try {
                return part instanceof jakarta.mail.internet.MimeBodyPart body && "<payment-qr>".equals(body.getContentID());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inline).singleElement().satisfies(image -> assertThat(scannedImage(image)).isEqualTo(expectedPayload(customerId)));
        List<jakarta.mail.Part> html = parts(message, part -> {
            try {
                return part.isMimeType("text/html");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat((String) html.get(0).getContent()).contains("<img src=\"cid:payment-qr\"")
                .contains("Отсканируйте QR-код в приложении банка");
    }

    private static String fileName(jakarta.mail.Part part) {
        try {
            return part.getFileName();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aProvidersCaseIsPaidToTheProvidersPayeeAndItsLetterShowsOnlyTheQrCode() throws Exception {
        String customerId = debtor();
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable("customerId")).thenReturn(customerId);
        when(execution.getVariable("provider")).thenReturn("heat");
        when(execution.getProcessInstanceBusinessKey()).thenReturn(UUID.randomUUID().toString());
        when(execution.getCurrentActivityId()).thenReturn("sendReminder");

        String noticeId = plan.sendNotice(execution, "first-reminder", "letter");
        time.runDueNow();

        byte[] letter = letterOf(noticeId);
        assertThat(scannedQrCodes(letter)).singleElement().asString()
                .startsWith("ST00012|Name=АО «Теплосеть»|PersonalAcc=40702810000000000777|BankName=Банк ВТБ (ПАО)"
                        + "|BIC=044525187|CorrespAcc=30101810700000000187|Sum=125050|");
        assertThat(text(letter)).contains("Получатель: АО «Теплосеть»").doesNotContain("pay.example.ru");
    }

    @Test
    void aCustomerWideCaseOfTheSameDebtorIsPaidToTheDeploymentsPayee() throws Exception {
        String customerId = debtor();
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable("customerId")).thenReturn(customerId);
        when(execution.getProcessInstanceBusinessKey()).thenReturn(UUID.randomUUID().toString());
        when(execution.getCurrentActivityId()).thenReturn("sendReminder");

        String noticeId = plan.sendNotice(execution, "first-reminder", "letter");
        time.runDueNow();

        assertThat(scannedQrCodes(letterOf(noticeId))).singleElement().asString()
                .startsWith("ST00012|Name=ООО «Вода»|");
    }
}
