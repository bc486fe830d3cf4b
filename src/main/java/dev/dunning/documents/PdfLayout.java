package dev.dunning.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * XHTML laid out as PDF by openhtmltopdf. The one font is Liberation Sans from PDFBox itself, which has Latin and
 * Cyrillic letters, embedded so the document prints the same everywhere; the XHTML names it by {@code family}.
 */
final class PdfLayout {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private PdfLayout() {
    }

    static void requireFont() {
        if (PdfLayout.class.getResource(FONT) == null) {
            throw new IllegalStateException("the document font " + FONT + " is missing from the class path (PDFBox)");
        }
    }

    /** Lays out well-formed XHTML; {@code what} names the document in an error. */
    static byte[] pdf(String xhtml, String family, String what) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> open(FONT), family);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not be laid out as PDF", e);
        }
        return pdf.toByteArray();
    }

    /**
     * Why an XML parser refuses {@code xhtml} (with no DTD or entity resolution), or empty when it takes it:
     * openhtmltopdf reads XHTML only.
     */
    static Optional<SAXParseException> notWellFormed(String xhtml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            var parser = factory.newDocumentBuilder();
            parser.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            parser.parse(new InputSource(new StringReader(xhtml)));
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot check XHTML", e);
        }
    }

    private static InputStream open(String resource) {
        return PdfLayout.class.getResourceAsStream(resource);
    }
}
