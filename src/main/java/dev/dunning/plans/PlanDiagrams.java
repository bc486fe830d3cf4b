package dev.dunning.plans;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.flowable.bpmn.BpmnAutoLayout;
import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.GraphicInfo;
import org.flowable.bpmn.model.SubProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Gives a plan file a diagram when it has none, so the modeler can draw it: the shipped plans are written by
 * hand without one, and files from other tools may lack it too. Only a {@code bpmndi:BPMNDiagram} laid out by
 * Flowable's auto-layout is added; everything else in the file stays exactly as written.
 */
@Service
public class PlanDiagrams {

    private static final Logger log = LoggerFactory.getLogger(PlanDiagrams.class);

    /** The file itself when it has a diagram (or cannot be laid out), otherwise the file with one added. */
    public byte[] withDiagram(byte[] xml) {
        Document document = ModelerXml.parse(xml);
        if (document.getElementsByTagNameNS(ModelerXml.BPMNDI, "BPMNDiagram").getLength() > 0) {
            return xml;
        }
        BpmnModel model;
        try {
            model = read(xml);
            new BpmnAutoLayout(model).execute();
        } catch (RuntimeException e) {
            // The check says what is wrong with such a file; the modeler then shows it without a diagram.
            log.info("plan could not be laid out: {}", e.toString());
            return xml;
        }
        Element root = document.getDocumentElement();
        String di = ModelerXml.declare(document, "bpmndi", ModelerXml.BPMNDI);
        String dc = ModelerXml.declare(document, "omgdc", ModelerXml.DC);
        String waypoints = ModelerXml.declare(document, "omgdi", ModelerXml.DI);
        for (var process : model.getProcesses()) {
            Element diagram = document.createElementNS(ModelerXml.BPMNDI, di + ":BPMNDiagram");
            diagram.setAttribute("id", "diagram-" + process.getId());
            Element plane = document.createElementNS(ModelerXml.BPMNDI, di + ":BPMNPlane");
            plane.setAttribute("id", "plane-" + process.getId());
            plane.setAttribute("bpmnElement", process.getId());
            diagram.appendChild(plane);
            for (FlowElement element : process.findFlowElementsOfType(FlowElement.class, true)) {
                GraphicInfo shape = model.getGraphicInfo(element.getId());
                if (shape != null) {
                    Element node = document.createElementNS(ModelerXml.BPMNDI, di + ":BPMNShape");
                    node.setAttribute("id", "shape-" + element.getId());
                    node.setAttribute("bpmnElement", element.getId());
                    if (element instanceof SubProcess) {
                        node.setAttribute("isExpanded", "true");
                    }
                    node.appendChild(bounds(document, dc, shape));
                    plane.appendChild(node);
                }
                List<GraphicInfo> line = model.getFlowLocationGraphicInfo(element.getId());
                if (line != null && !line.isEmpty()) {
                    Element edge = document.createElementNS(ModelerXml.BPMNDI, di + ":BPMNEdge");
                    edge.setAttribute("id", "edge-" + element.getId());
                    edge.setAttribute("bpmnElement", element.getId());
                    for (GraphicInfo point : line) {
                        Element waypoint = document.createElementNS(ModelerXml.DI, waypoints + ":waypoint");
                        waypoint.setAttribute("x", number(point.getX()));
                        waypoint.setAttribute("y", number(point.getY()));
                        edge.appendChild(waypoint);
                    }
                    plane.appendChild(edge);
                }
            }
            root.appendChild(diagram);
        }
        return ModelerXml.write(document);
    }

    private static Element bounds(Document document, String dc, GraphicInfo shape) {
        Element bounds = document.createElementNS(ModelerXml.DC, dc + ":Bounds");
        for (Map.Entry<String, Double> value : Map.of("x", shape.getX(), "y", shape.getY(),
                "width", shape.getWidth(), "height", shape.getHeight()).entrySet()) {
            bounds.setAttribute(value.getKey(), number(value.getValue()));
        }
        return bounds;
    }

    private static String number(double value) {
        return Long.toString(Math.round(value));
    }

    /** Flowable's own reading of the file, through a reader that refuses document types. */
    private static BpmnModel read(byte[] xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                return new BpmnXMLConverter().convertToBpmnModel(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
