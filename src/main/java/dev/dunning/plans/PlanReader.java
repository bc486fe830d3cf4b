package dev.dunning.plans;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.BusinessRuleTask;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.EventDefinition;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.FlowableListener;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ScriptTask;
import org.flowable.bpmn.model.SendTask;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.repository.ProcessDefinition;

/**
 * Reads a plan diagram: what Dunning needs from it (grace days, minimum amount, stages) and what
 * it refuses to run. A plan may call only the functions Dunning exposes to plans: no scripts, no
 * Java classes, no engine-side mail, HTTP or shell tasks.
 * <p>
 * A plan is of one of two kinds: a collection plan (overdue debt; {@code dunning:graceDays} and
 * {@code dunning:minimumAmount}), or an upcoming-payment plan that reminds before a due date
 * ({@code dunning:remindDaysBefore} and {@code dunning:remindAt}).
 */
final class PlanReader {

    static final String NAMESPACE = "https://dunning.dev/bpmn";
    static final Set<String> STAGES = Set.of("grace", "reminder", "call", "pretrial", "legal", "restriction");
    /** Optional day limits for debtors' answers, with their defaults. */
    static final Map<String, Integer> ANSWER_LIMITS = Map.of("maxPromiseDays", 14, "maxPostponeDays", 30);
    static final int MAX_ANSWER_DAYS = 366;
    /** The furthest ahead of a due date an upcoming-payment plan may start. */
    static final int MAX_REMIND_DAYS = 90;
    /** A timer of an upcoming-payment plan waiting for a number of days before the due date. */
    private static final Pattern DAYS_BEFORE_DUE = Pattern.compile("daysBeforeDue\\(\\s*execution\\s*,\\s*(\\d{1,9})\\s*\\)");

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
            problems.addAll(isUpcomingPlan(process) ? checkUpcomingSettings(process) : checkSettings(process));
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

    /** The plan data of a deployed upcoming-payment plan; empty for any other process. */
    Optional<UpcomingPlanSettings> upcomingSettings(ProcessDefinition definition, BpmnModel model) {
        Process process = model.getMainProcess();
        if (!isUpcomingPlan(process) || !checkUpcomingSettings(process).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UpcomingPlanSettings(definition.getKey(), definition.getName(), definition.getVersion(),
                definition.getId(), remindDays(process, new ArrayList<>()),
                LocalTime.parse(process.getAttributeValue(NAMESPACE, "remindAt").strip())));
    }

    private static boolean isUpcomingPlan(Process process) {
        return process.getAttributeValue(NAMESPACE, "remindDaysBefore") != null;
    }

    private List<String> checkUpcomingSettings(Process process) {
        List<String> problems = new ArrayList<>();
        String where = "process '" + process.getId() + "'";
        if (process.getAttributeValue(NAMESPACE, "graceDays") != null
                || process.getAttributeValue(NAMESPACE, "minimumAmount") != null) {
            problems.add(where + " has both dunning:remindDaysBefore and dunning:graceDays/dunning:minimumAmount;"
                    + " a plan either reminds before a due date or collects overdue debt, not both");
        }
        List<Integer> days = remindDays(process, problems);
        String remindAt = process.getAttributeValue(NAMESPACE, "remindAt");
        try {
            if (remindAt == null) {
                problems.add(where + " needs dunning:remindAt, the time of day reminders go out in the company's"
                        + " zone, such as 10:00");
            } else {
                LocalTime.parse(remindAt.strip());
            }
        } catch (DateTimeParseException e) {
            problems.add(where + ": dunning:remindAt '" + remindAt + "' is not a time of day such as 10:00");
        }
        for (Event event : process.findFlowElementsOfType(Event.class, true)) {
            for (EventDefinition definition : event.getEventDefinitions()) {
                if (definition instanceof TimerEventDefinition timer && timer.getTimeDate() != null) {
                    Matcher waits = DAYS_BEFORE_DUE.matcher(timer.getTimeDate());
                    while (waits.find()) {
                        int wait = Integer.parseInt(waits.group(1));
                        if (!days.isEmpty() && !days.contains(wait)) {
                            problems.add("timer '" + event.getId() + "' waits until " + wait + " days before the due date,"
                                    + " which dunning:remindDaysBefore " + days + " does not list");
                        }
                    }
                }
            }
        }
        for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
            if (node.getAttributeValue(NAMESPACE, "stage") != null) {
                problems.add("activity '" + node.getId() + "': an upcoming-payment plan is not a collection case and"
                        + " has no report stages; remove dunning:stage");
            }
        }
        return problems;
    }

    /** {@code dunning:remindDaysBefore} as distinct days, largest first; what is wrong goes to {@code problems}. */
    private static List<Integer> remindDays(Process process, List<String> problems) {
        String value = process.getAttributeValue(NAMESPACE, "remindDaysBefore");
        String where = "process '" + process.getId() + "': dunning:remindDaysBefore '" + value + "'";
        TreeSet<Integer> days = new TreeSet<>(Comparator.reverseOrder());
        for (String part : value.split(",", -1)) {
            try {
                int day = Integer.parseInt(part.strip());
                if (day < 0 || day > MAX_REMIND_DAYS) {
                    problems.add(where + ": " + day + " is not a number of days from 0 to " + MAX_REMIND_DAYS);
                } else if (!days.add(day)) {
                    problems.add(where + " lists " + day + " twice");
                }
            } catch (NumberFormatException e) {
                problems.add(where + " must list whole numbers of days before the due date, such as 7,3,0; '"
                        + part.strip() + "' is not one");
            }
        }
        return List.copyOf(days);
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
