package dev.dunning.channels.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.util.GreenMail;

import dev.dunning.clock.BusinessClock;
import dev.dunning.support.LocalMailServer;
import dev.dunning.clock.BusinessTime;
import dev.dunning.notify.NoticeRequest;
import dev.dunning.notify.Notices;
import dev.dunning.notify.OutgoingNotice;

/** Letters by post and PDF attachments: the pre-trial claim as a printable, searchable PDF. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-letters;DB_CLOSE_DELAY=-1",
        "dunning.contact.groups.individual.preset=none",
        "dunning.notify.letter.enabled=true",
        "dunning.notify.letter.batch-folder=target/letters-test",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1"})
class LettersTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static final LocalMailServer SMTP = new LocalMailServer();
    private static final GreenMail MAIL = SMTP.server();


    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.port", SMTP::port);
    }

    @Autowired
    Notices notices;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LetterChannel letters;
    @Autowired
    TestRestTemplate rest;

    /** A customer owing {@code amount} on an invoice due a month ago, past any plan's grace. */
    private String debtor(String amount) {
        String customerId = "LT-" + UUID.randomUUID().toString().substring(0, 8);
        var now = clock.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO customer (customer_id, name, group_name, email, locale, address, updated_at)
                VALUES (:id, 'Иван Петров', 'individual', :email, 'ru', 'ул. Ленина, д. 1, кв. 5, Казань', :now)""")
                .param("id", customerId).param("email", customerId.toLowerCase() + "@example.org").param("now", now).update();
        jdbc.sql("""
                INSERT INTO invoice (invoice_id, customer_id, contract, due_on, amount, currency, imported_at)
                VALUES (:id, :customer, 'K-1', :due, :amount, 'RUB', :now)""")
                .param("id", customerId + "-1").param("customer", customerId).param("due", clock.today().minusMonths(1))
                .param("amount", new BigDecimal(amount)).param("now", now).update();
        return customerId;
    }

    private String claim(String customerId, boolean attachPdf, String... channels) {
        Map<String, Object> model = new HashMap<>();
        model.put("conditionalDebt", new BigDecimal("1250.50"));
        model.put("realDebt", new BigDecimal("1250.50"));
        model.put("balance", new BigDecimal("1250.50"));
        model.put("today", clock.today());
        return notices.compose(new NoticeRequest(customerId, UUID.randomUUID().toString(), "sendPretrialClaim",
                "pretrial-claim", List.of(channels), model, attachPdf));
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replace('\u00a0', ' ').replaceAll("[ \\t]+", " ");
        }
    }

    private byte[] letterOf(String noticeId) {
        return jdbc.sql("SELECT pdf FROM letter WHERE notice_id = :id").param("id", noticeId).query(byte[].class).single();
    }

    @Test
    void aClaimByPostIsASearchableRussianPdfInTheDaysPrintBatch() throws IOException {
        String customerId = debtor("1250.50");

        String noticeId = claim(customerId, false, "letter");
        time.runDueNow();

        String letter = text(letterOf(noticeId));
        assertThat(letter).contains("Dunning demo").contains("ул. Ленина, д. 1, кв. 5, Казань")
                .contains("ДОСУДЕБНАЯ ПРЕТЕНЗИЯ").contains("1 250,50 RUB").contains("Иван Петров")
                // No dunning.payments.* here: no payment slip.
                .doesNotContain("Как оплатить");
        assertThat(jdbc.sql("SELECT batch_date FROM letter WHERE notice_id = :id").param("id", noticeId)
                .query(LocalDate.class).single()).isEqualTo(clock.today());
    }

    @Test
    void aLetterSentTwiceIsPrintedOnceAndALargeDebtGoesOnColoredPaper() {
        String customerId = debtor("60000.00");
        String noticeId = claim(customerId, false, "letter");
        OutgoingNotice notice = new OutgoingNotice(noticeId, "key", customerId, null, "letter", "pretrial-claim", "ru",
                "ул. Ленина, д. 1", "Претензия", "Текст претензии", null, List.of(), Map.of());

        letters.send(notice);
        letters.send(notice);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM letter WHERE notice_id = :id").param("id", noticeId)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT colored FROM letter WHERE notice_id = :id").param("id", noticeId)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void anEmailedClaimCarriesItselfAsAPdf() throws Exception {
        String customerId = debtor("1250.50");
        int before = MAIL.getReceivedMessages().length;

        claim(customerId, true, "email");
        time.runDueNow();

        MimeMessage message = MAIL.getReceivedMessages()[before];
        Part attachment = attachment((Multipart) message.getContent());
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getFileName()).isEqualTo("pretrial-claim.pdf");
        try (InputStream in = attachment.getInputStream()) {
            assertThat(text(in.readAllBytes())).contains("ДОСУДЕБНАЯ ПРЕТЕНЗИЯ").contains("1 250,50 RUB");
        }
    }

    @Test
    void atSixTheDaysBatchClosesIntoOnePdfAndAManifestWithColoredPaperFirst() throws IOException {
        time.moveTo(clock.today().atTime(12, 0).toInstant(ZoneOffset.UTC));
        String small = claim(debtor("1250.50"), false, "letter");
        String large = claim(debtor("75000.00"), false, "letter");
        time.runDueNow();
        LocalDate today = clock.today();
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/letters/batches", List.class).getBody())
                .anySatisfy(batch -> {
                    Map<?, ?> fields = (Map<?, ?>) batch;
                    assertThat(fields.get("date")).isEqualTo(today.toString());
                    assertThat(fields.get("closed")).isEqualTo(false);
                });

        time.moveTo(today.atTime(18, 0).toInstant(ZoneOffset.UTC));

        Path folder = Path.of("target/letters-test", today.toString());
        byte[] printed = Files.readAllBytes(folder.resolve("letters-" + today + ".pdf"));
        List<String> manifest = Files.readAllLines(folder.resolve("manifest-" + today + ".csv"));
        assertThat(manifest.get(0)).isEqualTo("notice_id,customer_id,pages,paper,address");
        assertThat(manifest).anySatisfy(line -> assertThat(line).startsWith(large + ",").contains(",colored,"));
        assertThat(manifest.indexOf(manifest.stream().filter(line -> line.startsWith(large)).findFirst().orElseThrow()))
                .isLessThan(manifest.indexOf(manifest.stream().filter(line -> line.startsWith(small)).findFirst().orElseThrow()));
        int letterPages = jdbc.sql("SELECT SUM(pages + MOD(pages, 2)) FROM letter WHERE batch_date = :day")
                .param("day", today).query(Integer.class).single();
        try (PDDocument document = Loader.loadPDF(printed)) {
            assertThat(document.getNumberOfPages()).isEqualTo(letterPages);
        }

        ResponseEntity<byte[]> download = rest.withBasicAuth("admin", "admin")
                .getForEntity("/api/letters/batches/" + today + "/letters.pdf", byte[].class);
        assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(rest.withBasicAuth("manager", "manager")
                .getForEntity("/api/letters/batches/" + today + "/manifest.csv", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        String late = claim(debtor("1250.50"), false, "letter");
        time.runDueNow();
        assertThat(jdbc.sql("SELECT batch_date FROM letter WHERE notice_id = :id").param("id", late)
                .query(LocalDate.class).single()).isEqualTo(today.plusDays(1));
    }

    private static Part attachment(Multipart multipart) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part;
            }
            if (part.getContent() instanceof Multipart nested) {
                Part found = attachment(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

}
