package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.stream.XMLInputFactory;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.UserTask;
import org.junit.jupiter.api.Test;

import dev.dunning.plans.PlanImport.Note;

/** Plans drawn in other modelers: what is converted for Flowable, and that everything else is named, never lost. */
class PlanImportTest {

    private final PlanImport imports = new PlanImport();

    @Test
    void aFlowableFilePassesThroughUnchanged() throws IOException {
        byte[] shipped = Files.readAllBytes(Path.of("processes", "individual-standard.bpmn20.xml"));

        PlanImport.Converted converted = imports.convert(shipped);

        assertThat(converted.xml()).isEqualTo(new String(shipped, StandardCharsets.UTF_8));
        assertThat(converted.notes()).isEmpty();
    }

    @Test
    void camundaAttributesWithAFlowableTwinAreReadByFlowableAfterTheImport() throws Exception {
        PlanImport.Converted converted = imports.convert(resource("camunda7-reminder.bpmn"));
        BpmnModel model = flowable(converted.xml());

        ServiceTask reminder = (ServiceTask) model.getFlowElement("sendReminder");
        assertThat(reminder.getImplementation()).isEqualTo("${plan.sendNotice(execution, 'first-reminder', 'email')}");
        assertThat(reminder.isAsynchronous()).isTrue();
        UserTask call = (UserTask) model.getFlowElement("callDebtor");
        assertThat(call.getCandidateGroups()).containsExactly("collectors");
        assertThat(call.getFormKey()).isEqualTo("call-debtor");
        assertThat(call.getDueDate()).isEqualTo("${plan.dayAfter(promisedOn)}");
        assertThat(call.getPriority()).isEqualTo("60");
        assertThat(call.getExecutionListeners()).singleElement().satisfies(listener -> {
            assertThat(listener.getEvent()).isEqualTo("start");
            assertThat(listener.getImplementation()).isEqualTo("${plan.forgetLastCall(execution)}");
        });
        assertThat(model.getMainProcess().getAttributes().get("graceDays")).singleElement()
                .satisfies(value -> assertThat(value.getValue()).isEqualTo("5"));
        assertThat(converted.xml()).contains("${callOutcome == 'promised'}").doesNotContain("camunda:candidateGroups")
                .doesNotContain("camunda:asyncBefore");
    }

    @Test
    void camundaThingsDunningWillNotRunAreNamedByElementAndAttributeAndKeptInTheFile() {
        PlanImport.Converted converted = imports.convert(resource("camunda7-reminder.bpmn"));

        assertThat(converted.notes()).extracting(Note::element, Note::attribute).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("camunda-reminder", "camunda:historyTimeToLive"),
                org.assertj.core.groups.Tuple.tuple("callDebtor", "camunda:followUpDate"),
                org.assertj.core.groups.Tuple.tuple("callDebtor", "camunda:taskListener"),
                org.assertj.core.groups.Tuple.tuple("callDebtor", "camunda:inputOutput"),
                org.assertj.core.groups.Tuple.tuple("chargeCard", "camunda:class"),
                org.assertj.core.groups.Tuple.tuple("chargeCard", "camunda:executionListener"),
                org.assertj.core.groups.Tuple.tuple("chargeCard", "camunda:connector"));
        assertThat(converted.notes()).filteredOn(note -> note.attribute().equals("camunda:class")).singleElement()
                .satisfies(note -> assertThat(note.message()).contains("Java class"));
        assertThat(converted.notes()).filteredOn(note -> note.element().equals("chargeCard")
                && note.attribute().equals("camunda:executionListener")).singleElement()
                .satisfies(note -> assertThat(note.message()).contains("script"));
        assertThat(converted.xml()).contains("camunda:class=\"com.example.ChargeCard\"")
                .contains("println execution.id").contains("http-connector").contains("com.example.NotifyCollector");
    }

    @Test
    void aSimpleCamunda8AssignmentAndFormAreConvertedAndJobWorkersAndFeelAreNamed() throws Exception {
        PlanImport.Converted converted = imports.convert(resource("camunda8-call.bpmn"));
        BpmnModel model = flowable(converted.xml());

        UserTask call = (UserTask) model.getFlowElement("callDebtor");
        assertThat(call.getCandidateGroups()).containsExactly("collectors");
        assertThat(call.getFormKey()).isEqualTo("call-debtor");
        assertThat(converted.notes()).extracting(Note::element, Note::attribute).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("sendEmail", "zeebe:taskDefinition"),
                org.assertj.core.groups.Tuple.tuple("sendEmail", "zeebe:ioMapping"),
                org.assertj.core.groups.Tuple.tuple("large", "conditionExpression"));
        assertThat(converted.xml()).contains("email-worker").doesNotContain("zeebe:assignmentDefinition");
    }

    @Test
    void aFileWithADocumentTypeIsRefusedBeforeAnyEntityIsRead() {
        assertThatThrownBy(() -> imports.convert(resource("external-entity.bpmn")))
                .isInstanceOf(ModelerXml.UnreadableXmlException.class).hasMessageContaining("line 2")
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void aFileThatIsNotXmlIsRefusedWithItsLine() {
        assertThatThrownBy(() -> imports.convert("<definitions>\n<process id='x'>\n</definitions>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelerXml.UnreadableXmlException.class).hasMessageStartingWith("line 3");
    }

    @Test
    void aShippedPlanWithoutADiagramGetsOneForEveryElementAndKeepsAllElse() throws IOException {
        byte[] shipped = Files.readAllBytes(Path.of("processes", "individual-standard.bpmn20.xml"));

        String drawn = new String(new PlanDiagrams().withDiagram(shipped), StandardCharsets.UTF_8);

        assertThat(drawn).contains("bpmnElement=\"callDebtor\"").contains("bpmnElement=\"toCallDebtor\"")
                .contains("bpmnElement=\"sendThankYou\"").contains("${plan.sendNotice(execution, 'pretrial-claim', 'email', 'pdf')}");
        assertThat(new PlanDiagrams().withDiagram(drawn.getBytes(StandardCharsets.UTF_8)))
                .as("a file with a diagram is left as it is").isEqualTo(drawn.getBytes(StandardCharsets.UTF_8));
    }

    private static BpmnModel flowable(String xml) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        return new BpmnXMLConverter().convertToBpmnModel(
                factory.createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] resource(String name) {
        try (InputStream in = PlanImportTest.class.getResourceAsStream("/plans/import/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
