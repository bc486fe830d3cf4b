package dev.dunning.plans;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a plan file as XML that cannot reach outside itself: no DTD, so no entities, external (files, URLs) or
 * nested (billion laughs); bounded in size; following the BPMN 2.0 schema the engine checks deployments against.
 * Errors carry the line they were found on.
 */
final class PlanXml {

    /** The largest plan file accepted; the shipped plans are about 20 KB. */
    static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The longest attribute value accepted (expressions, names, documentation attributes). */
    static final int MAX_ATTRIBUTE_CHARS = 4_000;

    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

    record Parsed(BpmnModel model, List<PlanProblem> problems) {
    }

    private PlanXml() {
    }

    static Parsed parse(byte[] xml) {
        if (xml == null || xml.length == 0 || new String(xml, 0, Math.min(xml.length, 64), java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new Parsed(null, List.of(PlanProblem.ofFile("the file is empty; a plan is a BPMN 2.0 XML file")));
        }
        if (xml.length > MAX_BYTES) {
            return new Parsed(null, List.of(PlanProblem.ofFile("the file is " + xml.length + " bytes; a plan file is at most "
                    + MAX_BYTES / (1024 * 1024) + " MB")));
        }
        List<PlanProblem> problems = new ArrayList<>();
        if (!scan(xml, problems)) {
            return new Parsed(null, problems);
        }
        try {
            return new Parsed(new BpmnXMLConverter().convertToBpmnModel(reader(xml)), List.copyOf(problems));
        } catch (Exception e) {
            return new Parsed(null, List.of(PlanProblem.ofFile("not a readable BPMN file: " + rootMessage(e))));
        }
    }

    /**
     * A first pass over the raw XML: well-formed, no DTD, no oversized attribute, no attribute of another modeler
     * (which the engine would silently drop). Returns false if the file must not be read further.
     */
    private static boolean scan(byte[] xml, List<PlanProblem> problems) {
        try {
            XMLStreamReader in = reader(xml);
            boolean root = true;
            while (in.hasNext()) {
                int event = in.next();
                if (event == XMLStreamConstants.DTD) {
                    problems.add(PlanProblem.ofFile("line " + doctypeLine(xml, in.getLocation()) + ": the file declares a DTD"
                            + " (<!DOCTYPE ...>); plans may not declare DTDs or entities, which could read files or URLs"
                            + " on the server or expand without end"));
                    return false;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (root && !"definitions".equals(in.getLocalName())) {
                        problems.add(PlanProblem.ofFile("line " + line(in.getLocation()) + ": the root element is <"
                                + in.getLocalName() + ">; a BPMN file begins with <definitions>"));
                        return false;
                    }
                    root = false;
                    for (int i = 0; i < in.getAttributeCount(); i++) {
                        String value = in.getAttributeValue(i);
                        String id = in.getAttributeValue(null, "id");
                        if (CAMUNDA.equals(in.getAttributeNamespace(i))) {
                            problems.add(new PlanProblem(id, "line " + line(in.getLocation()) + ": camunda:"
                                    + in.getAttributeName(i).getLocalPart() + " is a Camunda Modeler attribute that Dunning"
                                    + " does not run; import the file (POST /api/plans/import) to translate it"));
                        }
                        if (value.length() > MAX_ATTRIBUTE_CHARS) {
                            problems.add(new PlanProblem(id, "line " + line(in.getLocation()) + ": attribute "
                                    + in.getAttributeName(i).getLocalPart() + " of <" + in.getLocalName() + "> is "
                                    + value.length() + " characters long; at most " + MAX_ATTRIBUTE_CHARS + " are accepted"));
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            String message = e.getMessage() == null ? "unreadable XML" : e.getMessage();
            int at = message.indexOf("Message: ");
            problems.add(PlanProblem.ofFile("line " + line(e.getLocation()) + ": not well-formed XML: "
                    + (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip()));
            return false;
        }
        return true;
    }

    /**
     * What the engine's BPMN 2.0 schema says against a file that {@link #parse} read, or null when it follows it. The
     * engine checks every deployment against the same schema; checked here, an element the schema does not know
     * (another modeler's extension in the wrong place, an {@code xi:include}) is a problem with its line instead of a
     * refusal by the engine. The file is read by the reader that refuses DTDs, and the validator may load nothing the
     * file names ({@code xsi:schemaLocation}).
     */
    static PlanProblem schemaProblem(byte[] xml) {
        SAXParseException[] first = new SAXParseException[1];
        try {
            Validator validator = EngineSchema.BPMN.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // not a reason to refuse the file
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    first[0] = e;
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    first[0] = e;
                    throw e;
                }
            });
            validator.validate(new StAXSource(reader(xml)));
            return null;
        } catch (SAXException | IOException | XMLStreamException e) {
            if (first[0] != null) {
                return PlanProblem.ofFile("line " + first[0].getLineNumber() + ", column " + first[0].getColumnNumber()
                        + ": the file does not follow the BPMN 2.0 schema: " + first[0].getMessage());
            }
            return PlanProblem.ofFile("the file does not follow the BPMN 2.0 schema: " + rootMessage(e));
        }
    }

    /** The BPMN 2.0 schema the engine validates deployments with, compiled once. */
    private static final class EngineSchema extends BpmnXMLConverter {

        static final Schema BPMN = compile();

        private static Schema compile() {
            try {
                return new EngineSchema().createSchema();
            } catch (SAXException e) {
                throw new IllegalStateException("the engine's BPMN 2.0 schema cannot be read", e);
            }
        }
    }

    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    /** The line the DOCTYPE begins on (the parser reports where it ends). */
    private static int doctypeLine(byte[] xml, Location end) {
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("<!DOCTYPE");
        return at < 0 ? line(end) : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int line(Location location) {
        return location == null ? 0 : location.getLineNumber();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
