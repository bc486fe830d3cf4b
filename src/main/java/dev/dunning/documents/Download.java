package dev.dunning.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A document ready to hand out: everything that can fail (templates, layout, the ledger) has run, so writing it
 * only copies bytes, and an error never arrives halfway through a download.
 */
public final class Download {

    /** Writes the prepared content. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final LegalDocument document;
    private final String fileName;
    private final Body body;

    Download(LegalDocument document, String fileName, Body body) {
        this.document = document;
        this.fileName = fileName;
        this.body = body;
    }

    public LegalDocument document() {
        return document;
    }

    /** The name to save it under, with the case id: {@code pretrial-claim-<caseId>.pdf}. */
    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return document.contentType();
    }

    /** Writes the document to {@code out}, which stays open. */
    public void writeTo(OutputStream out) throws IOException {
        body.writeTo(out);
        out.flush();
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
