package dev.dunning.plans;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads and writes the BPMN files the modeler handles as DOM trees, with document types refused outright: a file
 * from outside may not pull in external entities or expand entity bombs.
 */
final class ModelerXml {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    static final String DI = "http://www.omg.org/spec/DD/20100524/DI";
    static final String FLOWABLE = "http://flowable.org/bpmn";
    static final String DUNNING = "https://dunning.dev/bpmn";
    static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    private ModelerXml() {
    }

    /** A file that is not well-formed XML, or that declares a document type. */
    static final class UnreadableXmlException extends RuntimeException {
        UnreadableXmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null); // errors become exceptions, not lines on stderr
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new UnreadableXmlException("line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new UnreadableXmlException(e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
        }
    }

    static byte[] write(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            document.setXmlStandalone(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the plan's XML", e);
        }
    }

    /** The id of the element or of its nearest ancestor that has one: what a note or a problem points at. */
    static String idOf(Element element) {
        for (org.w3c.dom.Node node = element; node instanceof Element current; node = node.getParentNode()) {
            if (current.hasAttribute("id")) {
                return current.getAttribute("id");
            }
        }
        return null;
    }

    /** Declares {@code prefix} for {@code namespace} on the root, unless the root already binds that namespace. */
    static String declare(Document document, String prefix, String namespace) {
        Element root = document.getDocumentElement();
        String bound = root.lookupPrefix(namespace);
        if (bound != null) {
            return bound;
        }
        root.setAttributeNS(XMLNS, "xmlns:" + prefix, namespace);
        return prefix;
    }
}
