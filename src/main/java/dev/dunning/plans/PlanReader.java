package dev.dunning.plans;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.BusinessRuleTask;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.FlowableListener;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ScriptTask;
import org.flowable.bpmn.model.SendTask;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.repository.ProcessDefinition;

/**
 * Reads a plan diagram: what Dunning needs from it (grace days, minimum amount, stages) and what
 * it refuses to run. A plan may call only the functions Dunning exposes to plans: no scripts, no
 * Java classes, no engine-side mail, HTTP or shell tasks.
 */
final class PlanReader {

    static final String NAMESPACE = "https://dunning.dev/bpmn";
    static final Set<String> STAGES = Set.of("grace", "reminder", "call", "pretrial", "legal", "restriction");
    /** Optional day limits for debtors' answers, with their defaults. */
    static final Map<String, Integer> ANSWER_LIMITS = Map.of("maxPromiseDays", 14, "maxPostponeDays", 30);
    static final int MAX_ANSWER_DAYS = 366;

    /** Checks a plan file; throws {@link InvalidPlanException} listing every problem. */
    BpmnModel read(String file, byte[] xml) {
        BpmnModel model;
        try {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader xtr = factory.createXMLStreamReader(new ByteArrayInputStream(xml), "UTF-8");
            model = new BpmnXMLConverter().convertToBpmnModel(xtr);
        } catch (Exception e) {
            throw new InvalidPlanException(file, List.of("not a readable BPMN file: " + rootMessage(e)));
        }
        List<String> problems = new ArrayList<>();
        if (model.getProcesses().size() != 1) {
            problems.add("a plan file holds exactly one process, this one has " + model.getProcesses().size());
        } else {
            Process process = model.getMainProcess();
            problems.addAll(checkSettings(process));
            for (FlowElement element : process.findFlowElementsOfType(FlowElement.class, true)) {
                problems.addAll(checkElement(element));
            }
            for (FlowableListener listener : process.getExecutionListeners()) {
                problems.addAll(checkListener(process.getId(), listener));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(file, problems);
        }
        return model;
    }

    /** The plan data of a deployed definition; empty for a process that is not a collection plan. */
    Optional<PlanSettings> settings(ProcessDefinition definition, BpmnModel model) {
        Process process = model.getMainProcess();
        if (!checkSettings(process).isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> stages = stages(model);
        String initialStage = process.findFlowElementsOfType(StartEvent.class, false).stream()
                .map(start -> stages.get(start.getId())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return Optional.of(new PlanSettings(definition.getKey(), definition.getName(), definition.getVersion(),
                definition.getId(), Integer.parseInt(process.getAttributeValue(NAMESPACE, "graceDays")),
                new BigDecimal(process.getAttributeValue(NAMESPACE, "minimumAmount")), stages, initialStage,
                answerLimit(process, "maxPromiseDays"), answerLimit(process, "maxPostponeDays")));
    }

    private static int answerLimit(Process process, String attribute) {
        String value = process.getAttributeValue(NAMESPACE, attribute);
        return value == null ? ANSWER_LIMITS.get(attribute) : Integer.parseInt(value.strip());
    }

    /** Activity id to report stage, from the {@code dunning:stage} attributes. */
    Map<String, String> stages(BpmnModel model) {
        Map<String, String> stages = new HashMap<>();
        for (FlowNode node : model.getMainProcess().findFlowElementsOfType(FlowNode.class, true)) {
            String stage = node.getAttributeValue(NAMESPACE, "stage");
            if (stage != null) {
                stages.put(node.getId(), stage);
            }
        }
        return Map.copyOf(stages);
    }

    private List<String> checkSettings(Process process) {
        List<String> problems = new ArrayList<>();
        String grace = process.getAttributeValue(NAMESPACE, "graceDays");
        try {
            if (grace == null || Integer.parseInt(grace) < 0) {
                problems.add("process '" + process.getId() + "' needs dunning:graceDays, a whole number of days >= 0");
            }
        } catch (NumberFormatException e) {
            problems.add("process '" + process.getId() + "': dunning:graceDays '" + grace + "' is not a whole number");
        }
        String minimum = process.getAttributeValue(NAMESPACE, "minimumAmount");
        try {
            if (minimum == null || new BigDecimal(minimum).signum() < 0) {
                problems.add("process '" + process.getId() + "' needs dunning:minimumAmount, an amount >= 0 such as 500.00");
            }
        } catch (NumberFormatException e) {
            problems.add("process '" + process.getId() + "': dunning:minimumAmount '" + minimum + "' is not an amount");
        }
        for (String attribute : List.of("maxPromiseDays", "maxPostponeDays")) {
            String days = process.getAttributeValue(NAMESPACE, attribute);
            if (days != null && !isAnswerLimit(days.strip())) {
                problems.add("process '" + process.getId() + "': dunning:" + attribute + " '" + days
                        + "' must be a whole number of days from 1 to " + MAX_ANSWER_DAYS);
            }
        }
        return problems;
    }

    private static boolean isAnswerLimit(String days) {
        return days.matches("\\d{1,3}") && Integer.parseInt(days) >= 1 && Integer.parseInt(days) <= MAX_ANSWER_DAYS;
    }

    private List<String> checkElement(FlowElement element) {
        List<String> problems = new ArrayList<>();
        String where = "activity '" + element.getId() + "'";
        if (element instanceof ScriptTask) {
            problems.add(where + " is a script task; plans may not run scripts, call a plan function instead");
        }
        if (element instanceof BusinessRuleTask) {
            problems.add(where + " is a business rule task, which Dunning does not run");
        }
        if (element instanceof ServiceTask task) {
            if (task.getType() != null && !task.getType().isBlank()) {
                problems.add(where + " is a '" + task.getType() + "' task; plans send notices through plan functions");
            } else if (!ImplementationType.IMPLEMENTATION_TYPE_EXPRESSION.equals(task.getImplementationType())) {
                problems.add(where + " must use flowable:expression with a plan function, not "
                        + describe(task.getImplementationType()));
            }
        }
        if (element instanceof SendTask task) {
            problems.add(where + " is a send task; use a service task calling a plan function");
        }
        if (element instanceof FlowNode node) {
            node.getExecutionListeners().forEach(listener -> problems.addAll(checkListener(element.getId(), listener)));
        }
        if (element instanceof UserTask task) {
            task.getTaskListeners().forEach(listener -> problems.addAll(checkListener(element.getId(), listener)));
        }
        String stage = element.getAttributeValue(NAMESPACE, "stage");
        if (stage != null && !STAGES.contains(stage)) {
            problems.add(where + ": dunning:stage '" + stage + "' is not one of " + STAGES);
        }
        return problems;
    }

    private List<String> checkListener(String owner, FlowableListener listener) {
        if (ImplementationType.IMPLEMENTATION_TYPE_EXPRESSION.equals(listener.getImplementationType())) {
            return List.of();
        }
        return List.of("a listener on '" + owner + "' uses " + describe(listener.getImplementationType())
                + "; listeners in plans may only be expressions calling plan functions");
    }

    private static String describe(String implementationType) {
        return implementationType == null ? "no implementation" : "'" + implementationType + "'";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
