package dev.dunning.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.flowable.bpmn.model.Activity;
import org.flowable.bpmn.model.AdhocSubProcess;
import org.flowable.bpmn.model.BaseElement;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.BusinessRuleTask;
import org.flowable.bpmn.model.CallActivity;
import org.flowable.bpmn.model.ConditionalEventDefinition;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.EventDefinition;
import org.flowable.bpmn.model.ExtensionAttribute;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.FlowableListener;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.Message;
import org.flowable.bpmn.model.MessageEventDefinition;
import org.flowable.bpmn.model.MultiInstanceLoopCharacteristics;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ScriptTask;
import org.flowable.bpmn.model.SendTask;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.Signal;
import org.flowable.bpmn.model.SignalEventDefinition;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.bpmn.model.UserTask;

/**
 * The safety rules a plan's elements must follow: which kinds of steps it may have, and that every place the
 * engine evaluates an expression holds an expression of the plan grammar ({@link ExpressionGrammar}). Also
 * gathers what the plan refers to outside itself (notice templates through its plan calls, forms, task groups,
 * users), which {@link PlanCatalog} checks against the application.
 */
final class PlanRules {

    /** The Dunning attributes a process may carry. */
    static final Set<String> PROCESS_ATTRIBUTES = Set.of("graceDays", "minimumAmount", "maxPromiseDays",
            "maxPostponeDays", "remindDaysBefore", "remindAt", "neverRestrict",
            RestrictionNotice.ATTRIBUTE);
    /** The Dunning attributes a step may carry: its stage, and the step properties the modeler writes. */
    static final Set<String> ELEMENT_ATTRIBUTES = Set.of("stage", "step", "template", "channels", "noticeType");

    /** Something outside the plan file that a plan element names. */
    record Reference(String element, Kind kind, String value) {
        enum Kind { FORM, GROUP, USER }
    }

    /** A plan call and the element that makes it. */
    record ElementCall(String element, ExpressionGrammar.PlanCall call) {
    }

    /** All that checking the elements found. */
    record Findings(List<PlanProblem> problems, List<ElementCall> calls, List<Reference> references) {
    }

    private final StepLibrary library;
    private final ExpressionGrammar grammar;
    private final TimerRules timers;

    PlanRules(StepLibrary library) {
        this.library = library;
        this.grammar = new ExpressionGrammar(library);
        this.timers = new TimerRules(grammar);
    }

    Findings check(BpmnModel model, Process process) {
        Findings found = new Findings(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        checkAttributes(process, PROCESS_ATTRIBUTES, "a process", found);
        process.getExecutionListeners().forEach(listener -> checkListener(process.getId(), listener, found));
        if (!process.getEventListeners().isEmpty()) {
            problem(found, process.getId(), "has " + process.getEventListeners().size() + " flowable:eventListener(s);"
                    + " event listeners run Java classes and are refused in plans");
        }
        for (Message message : model.getMessages()) {
            expression(found, message.getId(), "message name", message.getName());
        }
        for (Signal signal : model.getSignals()) {
            expression(found, signal.getId(), "signal name", signal.getName());
        }
        for (FlowElement element : process.findFlowElementsOfType(FlowElement.class, true)) {
            checkElement(element, found);
        }
        return found;
    }

    private void checkElement(FlowElement element, Findings found) {
        String id = element.getId();
        checkAttributes(element, ELEMENT_ATTRIBUTES, "a step", found);
        element.getExecutionListeners().forEach(listener -> checkListener(id, listener, found));
        if (element instanceof ScriptTask task) {
            problem(found, id, "is a script task (" + (task.getScriptFormat() == null ? "script" : task.getScriptFormat())
                    + "); plans may not run scripts, call a plan function instead");
        } else if (element instanceof BusinessRuleTask) {
            problem(found, id, "is a business rule task, which Dunning does not run in plans");
        } else if (element instanceof SendTask) {
            problem(found, id, "is a send task; the engine would send it itself, use a service task calling plan.sendNotice");
        } else if (element instanceof CallActivity) {
            problem(found, id, "is a call activity; a plan cannot start other processes or plans");
        } else if (element instanceof ServiceTask task) {
            checkServiceTask(task, found);
        } else if (element instanceof UserTask task) {
            checkUserTask(task, found);
        } else if (element instanceof SequenceFlow flow) {
            expression(found, id, "condition", flow.getConditionExpression());
            expression(found, id, "skip expression", flow.getSkipExpression());
        } else if (element instanceof AdhocSubProcess adhoc) {
            expression(found, id, "completion condition", adhoc.getCompletionCondition());
        }
        if (element instanceof Activity activity) {
            checkLoop(activity, found);
        }
        if (element instanceof StartEvent start) {
            if (start.getFormKey() != null && !start.getFormKey().isBlank()) {
                formKey(found, id, start.getFormKey());
            }
            variableName(found, id, "flowable:initiator", start.getInitiator());
        }
        if (element instanceof Event event) {
            for (EventDefinition definition : event.getEventDefinitions()) {
                checkEventDefinition(id, definition, found);
            }
        }
    }

    private void checkServiceTask(ServiceTask task, Findings found) {
        String id = task.getId();
        if (task.getType() != null && !task.getType().isBlank()) {
            problem(found, id, "is a flowable:type=\"" + task.getType() + "\" task; the engine would "
                    + describeType(task.getType()) + " itself, which plans may not do; send notices through plan functions");
            return;
        }
        String type = task.getImplementationType();
        if (ImplementationType.IMPLEMENTATION_TYPE_CLASS.equals(type)) {
            problem(found, id, "uses flowable:class '" + task.getImplementation() + "'; plans may not run Java classes,"
                    + " use flowable:expression with a plan function");
        } else if (ImplementationType.IMPLEMENTATION_TYPE_DELEGATEEXPRESSION.equals(type)) {
            problem(found, id, "uses flowable:delegateExpression '" + shorten(task.getImplementation()) + "'; plans may not"
                    + " hand a step to a bean, use flowable:expression with a plan function");
        } else if (!ImplementationType.IMPLEMENTATION_TYPE_EXPRESSION.equals(type)) {
            problem(found, id, "must use flowable:expression with a plan function, not "
                    + (type == null ? "no implementation" : "'" + type + "'"));
        } else if (!ExpressionGrammar.isExpression(task.getImplementation())) {
            problem(found, id, "flowable:expression '" + shorten(task.getImplementation()) + "' does nothing; call a plan"
                    + " function such as ${plan.sendNotice(execution, 'first-reminder', 'email')}");
        } else {
            expression(found, id, "expression", task.getImplementation());
        }
        if (!task.getFieldExtensions().isEmpty()) {
            problem(found, id, "injects flowable:field values; plans pass values as arguments of plan functions");
        }
        variableName(found, id, "flowable:resultVariable", task.getResultVariableName());
        expression(found, id, "skip expression", task.getSkipExpression());
    }

    private static String describeType(String type) {
        return switch (type) {
            case "mail" -> "send mail";
            case "http" -> "call a URL";
            case "shell" -> "run a command";
            case "camel", "mule" -> "hand a message to " + type;
            case "dmn" -> "evaluate a decision table";
            case "external-worker" -> "hand the step to an outside worker";
            default -> "run a '" + type + "' task";
        };
    }

    private void checkUserTask(UserTask task, Findings found) {
        String id = task.getId();
        task.getTaskListeners().forEach(listener -> checkListener(id, listener, found));
        if (task.getFormKey() == null || task.getFormKey().isBlank()) {
            problem(found, id, "needs flowable:formKey, the form in forms/<key>.form.json the person fills in");
        } else {
            formKey(found, id, task.getFormKey());
        }
        if (task.getCandidateGroups().isEmpty() && task.getCandidateUsers().isEmpty()
                && (task.getAssignee() == null || task.getAssignee().isBlank())) {
            problem(found, id, "needs flowable:candidateGroups (collectors, lawyers, managers or a team), or someone"
                    + " to do it");
        }
        for (String group : task.getCandidateGroups()) {
            people(found, id, "candidate group", group, Reference.Kind.GROUP);
        }
        for (String user : task.getCandidateUsers()) {
            people(found, id, "candidate user", user, Reference.Kind.USER);
        }
        people(found, id, "assignee", task.getAssignee(), Reference.Kind.USER);
        people(found, id, "owner", task.getOwner(), Reference.Kind.USER);
        String priority = task.getPriority();
        if (priority != null && !priority.isBlank() && !ExpressionGrammar.isExpression(priority)
                && !priority.strip().matches("\\d{1,3}")) {
            problem(found, id, "priority '" + shorten(priority) + "' is not a whole number from 0 to 999");
        }
        expression(found, id, "priority", priority);
        String due = task.getDueDate();
        if (due != null && !due.isBlank() && !ExpressionGrammar.isExpression(due)
                && timers.durationProblem(due.strip()) != null && !isDate(due.strip())) {
            problem(found, id, "due date '" + shorten(due) + "' is neither an ISO 8601 duration (P3D) nor a date");
        }
        expression(found, id, "due date", due);
        expression(found, id, "category", task.getCategory());
        expression(found, id, "skip expression", task.getSkipExpression());
        expression(found, id, "business calendar", task.getBusinessCalendarName());
    }

    private static boolean isDate(String value) {
        try {
            java.time.OffsetDateTime.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            try {
                java.time.LocalDate.parse(value);
                return true;
            } catch (java.time.format.DateTimeParseException notADate) {
                return false;
            }
        }
    }

    private void people(Findings found, String id, String what, String value, Reference.Kind kind) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (ExpressionGrammar.isExpression(value)) {
            expression(found, id, what, value);
        } else {
            found.references().add(new Reference(id, kind, value.strip()));
        }
    }

    private void formKey(Findings found, String id, String formKey) {
        if (ExpressionGrammar.isExpression(formKey)) {
            problem(found, id, "form key '" + shorten(formKey) + "' is an expression; a form key names a file"
                    + " forms/<key>.form.json");
        } else if (!formKey.strip().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            problem(found, id, "form key '" + shorten(formKey) + "' is not a form name (letters, digits, '-' and '_')");
        } else {
            found.references().add(new Reference(id, Reference.Kind.FORM, formKey.strip()));
        }
    }

    private void checkLoop(Activity activity, Findings found) {
        MultiInstanceLoopCharacteristics loop = activity.getLoopCharacteristics();
        if (loop == null) {
            return;
        }
        String id = activity.getId();
        expression(found, id, "loop cardinality", loop.getLoopCardinality());
        expression(found, id, "loop collection", loop.getInputDataItem());
        expression(found, id, "loop collection", loop.getCollectionString());
        expression(found, id, "completion condition", loop.getCompletionCondition());
        variableName(found, id, "loop element variable", loop.getElementVariable());
        variableName(found, id, "loop index variable", loop.getElementIndexVariable());
        String cardinality = loop.getLoopCardinality();
        if (cardinality != null && cardinality.strip().matches("\\d+") && Long.parseLong(cardinality.strip()) > 100) {
            problem(found, id, "loop cardinality " + cardinality.strip() + " is more than 100 repetitions");
        }
    }

    private void checkEventDefinition(String id, EventDefinition definition, Findings found) {
        if (definition instanceof TimerEventDefinition timer) {
            List<ExpressionGrammar.PlanCall> calls = new ArrayList<>();
            found.problems().addAll(timers.check(id, timer, calls));
            calls.forEach(call -> found.calls().add(new ElementCall(id, call)));
        } else if (definition instanceof MessageEventDefinition message) {
            expression(found, id, "message", message.getMessageRef());
            expression(found, id, "message expression", message.getMessageExpression());
        } else if (definition instanceof SignalEventDefinition signal) {
            expression(found, id, "signal", signal.getSignalRef());
            expression(found, id, "signal expression", signal.getSignalExpression());
        } else if (definition instanceof ConditionalEventDefinition conditional) {
            expression(found, id, "condition", conditional.getConditionExpression());
        }
    }

    private void checkListener(String owner, FlowableListener listener, Findings found) {
        String type = listener.getImplementationType();
        String event = listener.getEvent() == null ? "" : " (" + listener.getEvent() + ")";
        if (ImplementationType.IMPLEMENTATION_TYPE_EXPRESSION.equals(type)) {
            expression(found, owner, "listener" + event, listener.getImplementation());
            if (!listener.getFieldExtensions().isEmpty()) {
                problem(found, owner, "a listener" + event + " injects flowable:field values; pass values as arguments");
            }
        } else if (ImplementationType.IMPLEMENTATION_TYPE_SCRIPT.equals(type) || listener.getScriptInfo() != null) {
            problem(found, owner, "a script listener" + event + " is refused; plans may not run scripts");
        } else if (ImplementationType.IMPLEMENTATION_TYPE_CLASS.equals(type)) {
            problem(found, owner, "a listener" + event + " uses flowable:class '" + listener.getImplementation()
                    + "'; listeners in plans may only be expressions calling plan functions");
        } else if (ImplementationType.IMPLEMENTATION_TYPE_DELEGATEEXPRESSION.equals(type)) {
            problem(found, owner, "a listener" + event + " uses flowable:delegateExpression '"
                    + shorten(listener.getImplementation()) + "'; listeners in plans may only be expressions calling plan"
                    + " functions");
        } else {
            problem(found, owner, "a listener" + event + " uses " + (type == null ? "no implementation" : "'" + type + "'")
                    + "; listeners in plans may only be expressions calling plan functions");
        }
    }

    private void checkAttributes(BaseElement element, Set<String> known, String what, Findings found) {
        for (Map.Entry<String, List<ExtensionAttribute>> attributes : element.getAttributes().entrySet()) {
            for (ExtensionAttribute attribute : attributes.getValue()) {
                String name = attribute.getName();
                if (PlanReader.NAMESPACE.equals(attribute.getNamespace()) && !known.contains(name)) {
                    problem(found, element.getId(), "dunning:" + name + " is not a Dunning attribute of " + what
                            + "; known are " + new TreeSet<>(known));
                }
            }
        }
    }

    /** A name the plan writes a value into must be an ordinary process variable. */
    private void variableName(Findings found, String id, String what, String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        String variable = name.strip();
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            problem(found, id, what + " '" + shorten(variable) + "' is not a variable name");
        } else if ("execution".equals(variable) || library.isPlanName(variable) || library.isReserved(variable)) {
            problem(found, id, what + " '" + variable + "' names an engine object or a bean; write to a variable of your own");
        } else if (StepLibrary.DUNNING_VARIABLES.contains(variable)) {
            problem(found, id, what + " '" + variable + "' is set by Dunning and read by plan functions; a plan may"
                    + " not overwrite it");
        }
    }

    private void expression(Findings found, String id, String what, String value) {
        if (!ExpressionGrammar.isExpression(value)) {
            return;
        }
        ExpressionGrammar.Checked checked = grammar.check(value);
        checked.refusals().forEach(refusal -> problem(found, id, what + " '" + shorten(value) + "': " + refusal));
        checked.calls().forEach(call -> found.calls().add(new ElementCall(id, call)));
    }

    private static void problem(Findings found, String id, String message) {
        found.problems().add(new PlanProblem(id, message));
    }

    static String shorten(String value) {
        String text = value == null ? "" : value.strip();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
