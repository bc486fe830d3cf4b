package dev.dunning.plans;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Turns a plan drawn in another modeler into a file Flowable reads the way its author meant.
 * <p>
 * Flowable modeler files pass through unchanged. Camunda 7 attributes with a Flowable twin (candidate groups,
 * assignee, form key, expression, asyncBefore, due date, priority, listeners given as an expression) are rewritten
 * into the {@code flowable:} namespace; simple Camunda 8 ({@code zeebe:}) assignments and forms likewise.
 * Everything else of those namespaces (Java classes, delegate expressions, scripts, connectors, input/output
 * mappings, job workers, ...) stays in the file, where Flowable ignores it, and is named in a note by element
 * and attribute: nothing disappears without the analyst being told. The result still goes through the
 * normal check before it can be deployed.
 */
@Service
public class PlanImport {

    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
    /** Camunda Modeler's own bookkeeping (which engine version it drew for); meaningless to any engine. */
    private static final Set<String> MODELER_METADATA = Set.of("http://camunda.org/schema/modeler/1.0");

    /** Camunda 7 attributes that mean the same in Flowable, by their Flowable name. */
    private static final Map<String, String> CAMUNDA_ATTRIBUTES = Map.ofEntries(
            Map.entry("candidateGroups", "candidateGroups"), Map.entry("candidateUsers", "candidateUsers"),
            Map.entry("assignee", "assignee"), Map.entry("formKey", "formKey"), Map.entry("expression", "expression"),
            Map.entry("asyncBefore", "async"), Map.entry("async", "async"), Map.entry("exclusive", "exclusive"),
            Map.entry("dueDate", "dueDate"), Map.entry("priority", "priority"),
            Map.entry("resultVariable", "resultVariableName"), Map.entry("initiator", "initiator"));

    /** What an attribute or element does in Camunda that Dunning will not run, said in the note. */
    private static final Map<String, String> UNSAFE = Map.ofEntries(
            Map.entry("class", "a Java class: plans may call only Dunning's plan functions"),
            Map.entry("delegateExpression", "a delegate bean: plans may call only Dunning's plan functions"),
            Map.entry("type", "an external task: Dunning has no external workers"),
            Map.entry("topic", "an external task topic: Dunning has no external workers"),
            Map.entry("script", "a script: plans may not run scripts"),
            Map.entry("resource", "a script resource: plans may not run scripts"),
            Map.entry("connector", "a connector: plans may call only Dunning's plan functions"),
            Map.entry("inputOutput", "input/output mappings are not converted; set the variables in the plan"),
            Map.entry("taskDefinition", "a Camunda 8 job worker: plans may call only Dunning's plan functions"),
            Map.entry("ioMapping", "input/output mappings are not converted; set the variables in the plan"),
            Map.entry("taskHeaders", "task headers belong to a job worker and are not converted"));

    /** A thing the import could not carry over: which element, which attribute (or extension element), why. */
    public record Note(String element, String attribute, String message) {
    }

    /** The file to open in the modeler and what the analyst must know about it. */
    public record Converted(String xml, List<Note> notes) {
    }

    public Converted convert(byte[] xml) {
        Document document = ModelerXml.parse(xml);
        if (!uses(document.getDocumentElement(), CAMUNDA) && !uses(document.getDocumentElement(), ZEEBE)) {
            return new Converted(new String(xml, StandardCharsets.UTF_8), List.of());
        }
        List<Note> notes = new ArrayList<>();
        String flowable = ModelerXml.declare(document, "flowable", ModelerXml.FLOWABLE);
        for (Element element : elements(document.getDocumentElement())) {
            if (ModelerXml.BPMN.equals(element.getNamespaceURI())) {
                convertAttributes(element, flowable, notes);
            }
        }
        for (Element element : elements(document.getDocumentElement())) {
            String namespace = element.getNamespaceURI();
            if (element.getParentNode() == null || !(CAMUNDA.equals(namespace) || ZEEBE.equals(namespace))) {
                continue;
            }
            if (CAMUNDA.equals(namespace)) {
                convertCamundaElement(element, flowable, notes);
            } else {
                convertZeebeElement(element, flowable, notes);
            }
        }
        for (Element element : elements(document.getDocumentElement())) {
            if (ModelerXml.BPMN.equals(element.getNamespaceURI()) && "conditionExpression".equals(element.getLocalName())
                    || ModelerXml.BPMN.equals(element.getNamespaceURI()) && Set.of("timeDuration", "timeDate", "timeCycle")
                    .contains(element.getLocalName())) {
                if (element.getTextContent().strip().startsWith("=")) {
                    notes.add(new Note(ModelerXml.idOf(element), element.getLocalName(),
                            "a FEEL expression (Camunda 8) is not converted; write it as ${...}"));
                }
            }
        }
        removeEmptyExtensionElements(document);
        return new Converted(new String(ModelerXml.write(document), StandardCharsets.UTF_8), List.copyOf(notes));
    }

    private void convertAttributes(Element element, String flowable, List<Note> notes) {
        for (Attr attribute : attributes(element)) {
            String namespace = attribute.getNamespaceURI();
            String name = attribute.getLocalName();
            if (ZEEBE.equals(namespace)) {
                notes.add(new Note(ModelerXml.idOf(element), "zeebe:" + name, "not converted; kept in the file, Flowable ignores it"));
                continue;
            }
            if (!CAMUNDA.equals(namespace)) {
                continue;
            }
            String twin = CAMUNDA_ATTRIBUTES.get(name);
            if (twin == null) {
                notes.add(new Note(ModelerXml.idOf(element), "camunda:" + name, UNSAFE.containsKey(name)
                        ? UNSAFE.get(name) + "; kept in the file, Flowable ignores it"
                        : "unknown to Dunning; kept in the file, Flowable ignores it"));
                continue;
            }
            if (element.hasAttributeNS(ModelerXml.FLOWABLE, twin)
                    && !element.getAttributeNS(ModelerXml.FLOWABLE, twin).equals(attribute.getValue())) {
                notes.add(new Note(ModelerXml.idOf(element), "camunda:" + name,
                        "flowable:" + twin + " is set as well and wins; kept in the file, Flowable ignores it"));
                continue;
            }
            element.setAttributeNS(ModelerXml.FLOWABLE, flowable + ":" + twin, attribute.getValue());
            element.removeAttributeNode(attribute);
        }
    }

    private void convertCamundaElement(Element element, String flowable, List<Note> notes) {
        String name = element.getLocalName();
        boolean listener = "executionListener".equals(name) || "taskListener".equals(name);
        if (listener && onlyExpression(element)) {
            Element twin = element.getOwnerDocument().createElementNS(ModelerXml.FLOWABLE, flowable + ":" + name);
            twin.setAttribute("event", element.getAttribute("event"));
            twin.setAttribute("expression", element.getAttribute("expression"));
            element.getParentNode().replaceChild(twin, element);
            return;
        }
        if (!(element.getParentNode() instanceof Element parent) || CAMUNDA.equals(parent.getNamespaceURI())) {
            return; // reported with the camunda element around it
        }
        String what = listener ? "a listener with " + listenerKind(element) : UNSAFE.getOrDefault(name, "unknown to Dunning");
        notes.add(new Note(ModelerXml.idOf(element), "camunda:" + name, what + "; kept in the file, Flowable ignores it"));
    }

    private void convertZeebeElement(Element element, String flowable, List<Note> notes) {
        Element owner = activity(element);
        String name = element.getLocalName();
        if ("assignmentDefinition".equals(name) && owner != null) {
            for (String attribute : List.of("assignee", "candidateGroups", "candidateUsers")) {
                String value = element.getAttribute(attribute).strip();
                if (value.startsWith("=")) {
                    notes.add(new Note(ModelerXml.idOf(element), "zeebe:assignmentDefinition " + attribute,
                            "a FEEL expression is not converted; kept in the file, Flowable ignores it"));
                    return;
                }
            }
            for (String attribute : List.of("assignee", "candidateGroups", "candidateUsers")) {
                if (element.hasAttribute(attribute)) {
                    owner.setAttributeNS(ModelerXml.FLOWABLE, flowable + ":" + attribute, element.getAttribute(attribute));
                }
            }
            element.getParentNode().removeChild(element);
            return;
        }
        if ("formDefinition".equals(name) && owner != null && element.hasAttribute("formKey")
                && element.getAttributes().getLength() == 1) {
            owner.setAttributeNS(ModelerXml.FLOWABLE, flowable + ":formKey", element.getAttribute("formKey"));
            element.getParentNode().removeChild(element);
            return;
        }
        if (element.getParentNode() instanceof Element parent && ZEEBE.equals(parent.getNamespaceURI())) {
            return; // reported with the zeebe element around it
        }
        notes.add(new Note(ModelerXml.idOf(element), "zeebe:" + name,
                UNSAFE.getOrDefault(name, "unknown to Dunning") + "; kept in the file, Flowable ignores it"));
    }

    private static boolean onlyExpression(Element listener) {
        if (!listener.hasAttribute("expression") || listener.hasAttribute("class")
                || listener.hasAttribute("delegateExpression")) {
            return false;
        }
        return elements(listener).size() == 1; // no nested script or fields
    }

    private static String listenerKind(Element listener) {
        if (listener.hasAttribute("class")) {
            return "a Java class";
        }
        if (listener.hasAttribute("delegateExpression")) {
            return "a delegate bean";
        }
        if (listener.getElementsByTagNameNS(CAMUNDA, "script").getLength() > 0) {
            return "a script (plans may not run scripts)";
        }
        return "fields or settings that are not converted";
    }

    /** The BPMN element an extension belongs to (the parent of its extensionElements). */
    private static Element activity(Element extension) {
        Node parent = extension.getParentNode();
        if (parent instanceof Element list && "extensionElements".equals(list.getLocalName())
                && list.getParentNode() instanceof Element owner) {
            return owner;
        }
        return null;
    }

    private static void removeEmptyExtensionElements(Document document) {
        for (Element list : elements(document.getDocumentElement())) {
            if ("extensionElements".equals(list.getLocalName()) && ModelerXml.BPMN.equals(list.getNamespaceURI())
                    && list.getParentNode() != null && elements(list).size() == 1) {
                list.getParentNode().removeChild(list);
            }
        }
    }

    private static boolean uses(Element root, String namespace) {
        for (Element element : elements(root)) {
            if (namespace.equals(element.getNamespaceURI())) {
                return true;
            }
            for (Attr attribute : attributes(element)) {
                if (namespace.equals(attribute.getNamespaceURI())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The element and all elements below it, in document order (a snapshot: safe to change the tree while going). */
    private static List<Element> elements(Element root) {
        List<Element> found = new ArrayList<>();
        found.add(root);
        for (int i = 0; i < found.size(); i++) {
            for (Node child = found.get(i).getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    found.add(element);
                }
            }
        }
        found.sort((a, b) -> a == b ? 0 : (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) != 0 ? -1 : 1);
        return found;
    }

    private static List<Attr> attributes(Element element) {
        NamedNodeMap map = element.getAttributes();
        List<Attr> found = new ArrayList<>();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            if (!ModelerXml.XMLNS.equals(attribute.getNamespaceURI())
                    && (attribute.getNamespaceURI() == null || !MODELER_METADATA.contains(attribute.getNamespaceURI()))) {
                found.add(attribute);
            }
        }
        return found;
    }
}
