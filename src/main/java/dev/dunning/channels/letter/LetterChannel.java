package dev.dunning.channels.letter;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;
import dev.dunning.contact.ContactKind;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Ledger;
import dev.dunning.notify.Channel;
import dev.dunning.notify.Delivery;
import dev.dunning.notify.NoticePdf;
import dev.dunning.notify.OutgoingNotice;

/**
 * Paper letters: a notice becomes a PDF in the print batch of the business day (the next day's after the batch
 * closed), to the customer's postal address. A letter is stored once per notice, so sending a notice again adds no
 * second letter: this channel may safely be given a notice whose sender stopped mid-way.
 */
@Component
@ConditionalOnProperty(name = "dunning.notify.letter.enabled", havingValue = "true")
class LetterChannel implements Channel {

    static final String NAME = "letter";

    private final NoticePdf pdf;
    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final BusinessClock clock;
    private final LetterProperties properties;

    LetterChannel(NoticePdf pdf, JdbcClient jdbc, Ledger ledger, BusinessClock clock, LetterProperties properties) {
        this.pdf = pdf;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ContactKind kind() {
        return ContactKind.LETTER;
    }

    @Override
    public boolean rich() {
        return true;
    }

    @Override
    public boolean dedupesByKey() {
        return true;
    }

    @Override
    public Optional<String> address(Customer customer) {
        String address = customer.address();
        return address == null || address.isBlank() ? Optional.empty() : Optional.of(address.strip());
    }

    @Override
    public Delivery send(OutgoingNotice notice) {
        byte[] letter = pdf.render(notice);
        int pages;
        try (PDDocument document = Loader.loadPDF(letter)) {
            pages = document.getNumberOfPages();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the letter of notice " + notice.noticeId() + " is not a readable PDF", e);
        }
        boolean colored = properties.coloredPaperAbove() != null
                && ledger.debtOf(notice.customerId()).realDebt().compareTo(properties.coloredPaperAbove()) > 0;
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        java.time.LocalDate batch = LetterBatches.batchOf(clock.now(), clock.getZone(), properties.batchClosesAt());
        // One letter per notice: a notice sent again finds its letter already in the batch.
        jdbc.sql("""
                INSERT INTO letter (notice_id, customer_id, batch_date, recipient, colored, pages, pdf, created_at)
                SELECT :notice, :customer, :batch, :recipient, :colored, :pages, :pdf, :now
                FROM (SELECT 1 AS one) probe
                WHERE NOT EXISTS (SELECT 1 FROM letter WHERE notice_id = :notice)""")
                .param("notice", notice.noticeId())
                .param("customer", notice.customerId())
                .param("batch", batch)
                .param("recipient", notice.recipient())
                .param("colored", colored)
                .param("pages", pages)
                .param("pdf", letter)
                .param("now", now)
                .update();
        return new Delivery("letter:" + batch + ":" + notice.noticeId());
    }
}
