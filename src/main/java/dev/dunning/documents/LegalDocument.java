package dev.dunning.documents;

import java.util.Arrays;
import java.util.Optional;

/** The documents a lawyer downloads for a case, by the file name the API and the pages use. */
public enum LegalDocument {
    /** The pre-trial claim (досудебная претензия) with the statement of account. */
    PRETRIAL_CLAIM("pretrial-claim", ".pdf"),
    /** The statement of invoices and payments alone. */
    STATEMENT("statement", ".pdf"),
    /** Every notice and every timeline event of the customer. */
    CONTACT_HISTORY("contact-history", ".pdf"),
    /** The three PDFs and the statement as CSV, in one ZIP. */
    COURT_PACKAGE("court-package", ".zip");

    private final String name;
    private final String extension;

    LegalDocument(String name, String extension) {
        this.name = name;
        this.extension = extension;
    }

    /** As in {@code /api/cases/{caseId}/documents/pretrial-claim.pdf}. */
    public String fileName() {
        return name + extension;
    }

    /** The name of the download for one case: {@code pretrial-claim-<caseId>.pdf}. */
    public String fileNameFor(String caseId) {
        return name + "-" + caseId.replaceAll("[^A-Za-z0-9._-]", "_") + extension;
    }

    public String contentType() {
        return ".pdf".equals(extension) ? "application/pdf" : "application/zip";
    }

    /** The template in {@code templates/documents/<locale>/}; the court package has none of its own. */
    String template() {
        return name + ".ftlh";
    }

    public static Optional<LegalDocument> byFileName(String fileName) {
        return Arrays.stream(values()).filter(document -> document.fileName().equals(fileName)).findFirst();
    }
}
