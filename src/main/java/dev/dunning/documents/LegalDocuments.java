package dev.dunning.documents;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import dev.dunning.cases.CaseView;
import dev.dunning.cases.Cases;
import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.Customer;
import dev.dunning.ledger.Ledger;
import dev.dunning.ledger.Statement;
import dev.dunning.notify.Notices;
import dev.dunning.timeline.Timeline;

/**
 * The documents lawyers take to court for a case: the pre-trial claim, the statement of account, the contact history
 * (each a PDF from a template in {@code templates/documents/<locale>/}, in the customer's language), and the court
 * package that holds all three and the statement as CSV. Debtors' data is sensitive: every document handed out is
 * recorded on the customer's timeline with the person it went to.
 */
@Service
public class LegalDocuments {

    /** The timeline kind of a handed-out document. */
    public static final String DOWNLOADED = "document-downloaded";

    static final String STATEMENT_CSV = "statement.csv";
    private static final String FONT_FAMILY = "Document";

    private final Cases cases;
    private final Ledger ledger;
    private final Notices notices;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final DocumentTemplates templates;
    private final DocumentsProperties properties;
    private final String companyName;
    private final String currency;

    LegalDocuments(Cases cases, Ledger ledger, Notices notices, Timeline timeline, BusinessClock clock,
            DocumentTemplates templates, DocumentsProperties properties,
            @Value("${dunning.notify.company-name:Dunning demo}") String companyName,
            @Value("${dunning.ledger.currency:RUB}") String currency) {
        PdfLayout.requireFont();
        this.cases = cases;
        this.ledger = ledger;
        this.notices = notices;
        this.timeline = timeline;
        this.clock = clock;
        this.templates = templates;
        this.properties = properties;
        this.companyName = companyName;
        this.currency = currency;
    }

    /**
     * Makes {@code document} for the case as of today and records on the customer's timeline that {@code actor} got
     * it. The download is whole before it is returned: writing it cannot fail on a template.
     *
     * @throws NoSuchElementException     when there is no such case
     * @throws DocumentTemplateException  when a template is missing or wrong; the message names file and line
     */
    public Download prepare(String caseId, LegalDocument document, String actor) {
        CaseView found = cases.get(caseId);
        Customer customer = ledger.customer(found.customerId())
                .orElseThrow(() -> new NoSuchElementException("no customer '" + found.customerId() + "'"));
        Statement statement = ledger.statement(customer.customerId());
        Download download = switch (document) {
            case PRETRIAL_CLAIM, STATEMENT, CONTACT_HISTORY -> pdf(document, caseId, customer, statement);
            case COURT_PACKAGE -> courtPackage(caseId, customer, statement);
        };
        timeline.record(customer.customerId(), caseId, DOWNLOADED, actor, document == LegalDocument.COURT_PACKAGE
                ? document.fileName() + " (" + String.join(", ", courtPackageEntries()) + ")"
                : document.fileName());
        return download;
    }

    /** The entries of the court package's ZIP, in order. */
    public static List<String> courtPackageEntries() {
        return List.of(LegalDocument.PRETRIAL_CLAIM.fileName(), LegalDocument.STATEMENT.fileName(),
                LegalDocument.CONTACT_HISTORY.fileName(), STATEMENT_CSV);
    }

    private Download pdf(LegalDocument document, String caseId, Customer customer, Statement statement) {
        byte[] pdf = render(document, caseId, customer, statement);
        return new Download(document, document.fileNameFor(caseId), out -> out.write(pdf));
    }

    private Download courtPackage(String caseId, Customer customer, Statement statement) {
        Map<String, byte[]> pdfs = new LinkedHashMap<>();
        for (LegalDocument part : List.of(LegalDocument.PRETRIAL_CLAIM, LegalDocument.STATEMENT,
                LegalDocument.CONTACT_HISTORY)) {
            pdfs.put(part.fileName(), render(part, caseId, customer, statement));
        }
        long madeAt = clock.millis();
        return new Download(LegalDocument.COURT_PACKAGE, LegalDocument.COURT_PACKAGE.fileNameFor(caseId), out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            for (Map.Entry<String, byte[]> pdf : pdfs.entrySet()) {
                zip.putNextEntry(entry(pdf.getKey(), madeAt));
                zip.write(pdf.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(entry(STATEMENT_CSV, madeAt));
            StatementCsv.write(statement, currency, zip);
            zip.closeEntry();
            // Finished, not closed: the stream belongs to the caller (the HTTP response).
            zip.finish();
        });
    }

    private byte[] render(LegalDocument document, String caseId, Customer customer, Statement statement) {
        Map<String, Object> model = DocumentModels.of(companyName, customer, caseId, clock.today(), currency,
                properties.daysToPay(), statement);
        if (document == LegalDocument.CONTACT_HISTORY) {
            model.putAll(DocumentModels.ofHistory(notices.historyOf(customer.customerId()),
                    timeline.of(customer.customerId()), clock.getZone()));
        }
        String locale = templates.localeFor(customer.locale(), document.template());
        model.put("lang", locale);
        String xhtml = templates.render(locale, document.template(), model);
        return PdfLayout.pdf(xhtml, FONT_FAMILY, document.fileName() + " of case " + caseId);
    }

    private static ZipEntry entry(String name, long madeAt) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(madeAt);
        return entry;
    }
}
