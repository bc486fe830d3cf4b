package dev.dunning.plans;

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

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.EventDefinition;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.validation.ProcessValidator;
import org.flowable.validation.ProcessValidatorFactory;
import org.flowable.validation.ValidationError;

/**
 * Reads a plan diagram: what Dunning needs from it (grace days, minimum amount, stages) and what it refuses to
 * run. Deploying a plan is deploying code, so a plan may call only the functions of Dunning's step library: no
 * scripts, no Java classes, no engine-side mail, HTTP or shell tasks, and expressions only of the plan grammar
 * ({@link PlanXml} reads the file safely, {@link PlanRules} checks the steps, {@link ExpressionGrammar} the
 * expressions, {@link TimerRules} the timers). Every problem of a file is reported at once, each with the
 * element it concerns.
 * <p>
 * A plan is of one of two kinds: a collection plan (overdue debt; {@code dunning:graceDays} and
 * {@code dunning:minimumAmount}, and a {@code dunning:stage} on its start event: the stage a new case is in;
 * later stages begin where an activity carries {@code dunning:stage}, so every task belongs to the stage last
 * begun before it), or an upcoming-payment plan that reminds before a due date ({@code dunning:remindDaysBefore}
 * and {@code dunning:remindAt}), which has no stages.
 */
final class PlanReader {

    static final String NAMESPACE = "https://dunning.dev/bpmn";
    static final Set<String> STAGES = Set.of("grace", "reminder", "call", "pretrial", "legal", "restriction");
    /** The stage, form and function prefix that make a step a restriction of the debtor's service. */
    static final String RESTRICTION_STAGE = "restriction";
    static final String RESTRICTION_FORM = "restrict-service";
    static final String RESTRICTION_FUNCTION_PREFIX = "restrict";
    /** Optional day limits for debtors' answers, with their defaults. */
    static final Map<String, Integer> ANSWER_LIMITS = Map.of("maxPromiseDays", 14, "maxPostponeDays", 30);
    static final int MAX_ANSWER_DAYS = 366;
    /** The furthest ahead of a due date an upcoming-payment plan may start. */
    static final int MAX_REMIND_DAYS = 90;
    /** A timer of an upcoming-payment plan waiting for a number of days before the due date. */
    private static final Pattern DAYS_BEFORE_DUE = Pattern.compile("daysBeforeDue\\(\\s*execution\\s*,\\s*(\\d{1,9})\\s*\\)");

    /** What checking a file found; {@code model} is null when the file could not be read as BPMN at all. */
    record PlanCheck(String key, BpmnModel model, List<PlanProblem> problems, List<PlanRules.ElementCall> calls,
            List<PlanRules.Reference> references) {
    }

    private final PlanRules rules;

    PlanReader(StepLibrary library) {
        this.rules = new PlanRules(library);
    }

    /** Checks a plan file for everything that can be judged from the file alone; never throws for bad content. */
    PlanCheck check(byte[] xml) {
        PlanXml.Parsed parsed = PlanXml.parse(xml);
        if (parsed.model() == null) {
            return new PlanCheck(null, null, parsed.problems(), List.of(), List.of());
        }
        BpmnModel model = parsed.model();
        List<PlanProblem> problems = new ArrayList<>(parsed.problems());
        if (model.getProcesses().size() != 1) {
            problems.add(PlanProblem.ofFile("a plan file holds exactly one process, this one has "
                    + model.getProcesses().size()));
            return new PlanCheck(null, model, problems, List.of(), List.of());
        }
        Process process = model.getMainProcess();
        if (process.getId() == null || !process.getId().matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
            problems.add(new PlanProblem(process.getId(), "the process id is the plan key; use letters, digits, '-'"
                    + " and '_', starting with a letter, at most 64"));
        }
        if (!process.isExecutable()) {
            problems.add(new PlanProblem(process.getId(), "is not executable; set isExecutable=\"true\""));
        }
        problems.addAll(engineValidation(model, process));
        boolean upcoming = isUpcomingPlan(process);
        problems.addAll(upcoming ? checkUpcomingSettings(process) : checkSettings(process));
        PlanRules.Findings found = rules.check(model, process);
        problems.addAll(found.problems());
        if (!upcoming) {
            problems.addAll(checkStartStage(process));
        }
        problems.addAll(checkNeverRestrict(process, found));
        problems.addAll(RestrictionNotice.check(process, found.calls()));
        if (problems.isEmpty()) {
            // Last, when all else is right: the schema's words are poorer than the checks' above for what both find.
            PlanProblem invalid = PlanXml.schemaProblem(xml);
            if (invalid != null) {
                problems.add(invalid);
            }
        }
        return new PlanCheck(process.getId(), model, problems, found.calls(), found.references());
    }

    /** What the engine's own validation would refuse at deployment (flows to missing steps, gateways without flows...). */
    private static List<PlanProblem> engineValidation(BpmnModel model, Process process) {
        List<PlanProblem> problems = new ArrayList<>();
        for (ValidationError error : ENGINE_VALIDATOR.validate(model)) {
            if (!error.isWarning()) {
                problems.add(new PlanProblem(error.getActivityId() != null ? error.getActivityId() : process.getId(),
                        (error.getXmlLineNumber() > 0 ? "line " + error.getXmlLineNumber() + ": " : "")
                                + "the engine refuses it: " + error.getDefaultDescription()));
            }
        }
        return problems;
    }

    private static final ProcessValidator ENGINE_VALIDATOR = new ProcessValidatorFactory().createDefaultProcessValidator();

    /** Checks a plan file; throws {@link InvalidPlanException} listing every problem. */
    BpmnModel read(String file, byte[] xml) {
        PlanCheck check = check(xml);
        if (!check.problems().isEmpty()) {
            throw new InvalidPlanException(file, check.problems());
        }
        return check.model();
    }

    /** The start event of a collection plan says which stage a freshly opened case is in. */
    private static List<PlanProblem> checkStartStage(Process process) {
        List<StartEvent> starts = process.findFlowElementsOfType(StartEvent.class, false);
        if (starts.isEmpty()) {
            return List.of(new PlanProblem(process.getId(), "has no start event"));
        }
        List<PlanProblem> problems = new ArrayList<>();
        for (StartEvent start : starts) {
            if (start.getEventDefinitions().isEmpty() && start.getAttributeValue(NAMESPACE, "stage") == null) {
                problems.add(new PlanProblem(start.getId(), "the start event of a collection plan needs dunning:stage,"
                        + " the stage a new case is in (usually reminder or grace), one of " + new TreeSet<>(STAGES)));
            }
        }
        return problems;
    }

    /** {@code dunning:neverRestrict="true"}: the plan may hold no step that restricts the debtor's service. */
    private static List<PlanProblem> checkNeverRestrict(Process process, PlanRules.Findings found) {
        String value = process.getAttributeValue(NAMESPACE, "neverRestrict");
        if (value == null) {
            return List.of();
        }
        if (!value.strip().equals("true") && !value.strip().equals("false")) {
            return List.of(new PlanProblem(process.getId(), "dunning:neverRestrict '" + value + "' must be true or false"));
        }
        if (value.strip().equals("false")) {
            return List.of();
        }
        List<PlanProblem> problems = new ArrayList<>();
        String why = " but the plan says dunning:neverRestrict=\"true\" (this debtor's service is never restricted)";
        for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
            if (RESTRICTION_STAGE.equals(node.getAttributeValue(NAMESPACE, "stage"))) {
                problems.add(new PlanProblem(node.getId(), line(node) + "begins the restriction stage" + why));
            }
            if (node instanceof UserTask task && RESTRICTION_FORM.equals(task.getFormKey())) {
                problems.add(new PlanProblem(node.getId(), line(node) + "is a restrict-service task" + why));
            }
        }
        for (PlanRules.ElementCall call : found.calls()) {
            if (call.call().function().startsWith(RESTRICTION_FUNCTION_PREFIX)) {
                problems.add(new PlanProblem(call.element(), line(process.getFlowElement(call.element(), true))
                        + "calls " + call.call().planName() + "." + call.call().function() + why));
            }
        }
        return problems;
    }

    /** "line 12: " where the element begins in the file, for the analyst to find it; empty when unknown. */
    private static String line(org.flowable.bpmn.model.BaseElement element) {
        return element != null && element.getXmlRowNumber() > 0 ? "line " + element.getXmlRowNumber() + ": " : "";
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

    private List<PlanProblem> checkUpcomingSettings(Process process) {
        List<PlanProblem> problems = new ArrayList<>();
        String id = process.getId();
        if (process.getAttributeValue(NAMESPACE, "graceDays") != null
                || process.getAttributeValue(NAMESPACE, "minimumAmount") != null) {
            problems.add(new PlanProblem(id, "has both dunning:remindDaysBefore and dunning:graceDays/dunning:minimumAmount;"
                    + " a plan either reminds before a due date or collects overdue debt, not both"));
        }
        List<Integer> days = remindDays(process, problems);
        String remindAt = process.getAttributeValue(NAMESPACE, "remindAt");
        try {
            if (remindAt == null) {
                problems.add(new PlanProblem(id, "needs dunning:remindAt, the time of day reminders go out in the company's"
                        + " zone, such as 10:00"));
            } else {
                LocalTime.parse(remindAt.strip());
            }
        } catch (DateTimeParseException e) {
            problems.add(new PlanProblem(id, "dunning:remindAt '" + remindAt + "' is not a time of day such as 10:00"));
        }
        for (Event event : process.findFlowElementsOfType(Event.class, true)) {
            for (EventDefinition definition : event.getEventDefinitions()) {
                if (definition instanceof TimerEventDefinition timer && timer.getTimeDate() != null) {
                    Matcher waits = DAYS_BEFORE_DUE.matcher(timer.getTimeDate());
                    while (waits.find()) {
                        int wait = Integer.parseInt(waits.group(1));
                        if (!days.isEmpty() && !days.contains(wait)) {
                            problems.add(new PlanProblem(event.getId(), "the timer waits until " + wait
                                    + " days before the due date, which dunning:remindDaysBefore " + days + " does not list"));
                        }
                    }
                }
            }
        }
        for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
            if (node.getAttributeValue(NAMESPACE, "stage") != null) {
                problems.add(new PlanProblem(node.getId(), "an upcoming-payment plan is not a collection case and"
                        + " has no report stages; remove dunning:stage"));
            }
        }
        return problems;
    }

    /** {@code dunning:remindDaysBefore} as distinct days, largest first; what is wrong goes to {@code problems}. */
    private static List<Integer> remindDays(Process process, List<PlanProblem> problems) {
        String value = process.getAttributeValue(NAMESPACE, "remindDaysBefore");
        String where = "dunning:remindDaysBefore '" + value + "'";
        TreeSet<Integer> days = new TreeSet<>(Comparator.reverseOrder());
        for (String part : value.split(",", -1)) {
            try {
                int day = Integer.parseInt(part.strip());
                if (day < 0 || day > MAX_REMIND_DAYS) {
                    problems.add(new PlanProblem(process.getId(), where + ": " + day + " is not a number of days from 0 to "
                            + MAX_REMIND_DAYS));
                } else if (!days.add(day)) {
                    problems.add(new PlanProblem(process.getId(), where + " lists " + day + " twice"));
                }
            } catch (NumberFormatException e) {
                problems.add(new PlanProblem(process.getId(), where + " must list whole numbers of days before the due"
                        + " date, such as 7,3,0; '" + part.strip() + "' is not one"));
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

    private List<PlanProblem> checkSettings(Process process) {
        List<PlanProblem> problems = new ArrayList<>();
        String id = process.getId();
        String grace = process.getAttributeValue(NAMESPACE, "graceDays");
        try {
            if (grace == null || Integer.parseInt(grace) < 0) {
                problems.add(new PlanProblem(id, "needs dunning:graceDays, a whole number of days >= 0"));
            }
        } catch (NumberFormatException e) {
            problems.add(new PlanProblem(id, "dunning:graceDays '" + grace + "' is not a whole number"));
        }
        String minimum = process.getAttributeValue(NAMESPACE, "minimumAmount");
        try {
            if (minimum == null || new BigDecimal(minimum).signum() < 0) {
                problems.add(new PlanProblem(id, "needs dunning:minimumAmount, an amount >= 0 such as 500.00"));
            }
        } catch (NumberFormatException e) {
            problems.add(new PlanProblem(id, "dunning:minimumAmount '" + minimum + "' is not an amount"));
        }
        for (String attribute : List.of("maxPromiseDays", "maxPostponeDays")) {
            String days = process.getAttributeValue(NAMESPACE, attribute);
            if (days != null && !isAnswerLimit(days.strip())) {
                problems.add(new PlanProblem(id, "dunning:" + attribute + " '" + days
                        + "' must be a whole number of days from 1 to " + MAX_ANSWER_DAYS));
            }
        }
        for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
            String stage = node.getAttributeValue(NAMESPACE, "stage");
            if (stage != null && !STAGES.contains(stage)) {
                problems.add(new PlanProblem(node.getId(), "dunning:stage '" + stage + "' is not one of " + STAGES));
            }
        }
        return problems;
    }

    private static boolean isAnswerLimit(String days) {
        return days.matches("\\d{1,3}") && Integer.parseInt(days) >= 1 && Integer.parseInt(days) <= MAX_ANSWER_DAYS;
    }
}
