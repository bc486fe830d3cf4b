package dev.dunning.plans;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.flowable.bpmn.model.Activity;
import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.EventSubProcess;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.IntermediateCatchEvent;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.SubProcess;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.bpmn.model.UserTask;

/**
 * {@code dunning:restrictionNoticeDays="20"}: the law's notice period before a service may be restricted (Russian
 * utilities: a written notice, then 20 days). No restriction step may be reachable from where the plan can begin
 * (its start, an event sub-process) without passing a timer that waits that long or longer: a fixed
 * {@code timeDuration}, since a date or an expression could be any day. The rule sees the diagram, not the notice
 * itself; the plan puts the timer right after its written notice.
 */
final class RestrictionNotice {

    static final String ATTRIBUTE = "restrictionNoticeDays";
    private static final int MAX_DAYS = 366;
    /** The function that restricts through the connector: its step is a restriction step whatever its stage. */
    private static final String RESTRICT_FUNCTION = "restrictService";

    private RestrictionNotice() {
    }

    static List<PlanProblem> check(Process process, List<PlanRules.ElementCall> calls) {
        String value = process.getAttributeValue(PlanReader.NAMESPACE, ATTRIBUTE);
        if (value == null) {
            return List.of();
        }
        int days;
        try {
            days = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > MAX_DAYS) {
            return List.of(new PlanProblem(process.getId(), "line " + process.getXmlRowNumber() + ": dunning:"
                    + ATTRIBUTE + " '" + value + "' must be a whole number of days from 1 to " + MAX_DAYS));
        }
        Set<String> restrictionSteps = restrictionSteps(process, calls);
        List<PlanProblem> problems = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (FlowNode root : roots(process)) {
            for (String reached : reachedWithoutWaiting(process, root, days)) {
                if (restrictionSteps.contains(reached) && reported.add(reached)) {
                    FlowElement step = process.getFlowElement(reached, true);
                    problems.add(new PlanProblem(reached, "line " + step.getXmlRowNumber() + ": this restriction step"
                            + " can be reached from '" + root.getId() + "' without a timer of " + days + " days or more"
                            + " on the way; the plan says dunning:" + ATTRIBUTE + "=\"" + days + "\" (the notice period"
                            + " before a service may be restricted): put such a timer (timeDuration P" + days + "D) after"
                            + " the written notice, on every way to the restriction"));
                }
            }
        }
        return problems;
    }

    private static Set<String> restrictionSteps(Process process, List<PlanRules.ElementCall> calls) {
        Set<String> steps = new LinkedHashSet<>();
        for (FlowNode node : process.findFlowElementsOfType(FlowNode.class, true)) {
            if (PlanReader.RESTRICTION_STAGE.equals(node.getAttributeValue(PlanReader.NAMESPACE, "stage"))
                    || node instanceof UserTask task && PlanReader.RESTRICTION_FORM.equals(task.getFormKey())) {
                steps.add(node.getId());
            }
        }
        for (PlanRules.ElementCall call : calls) {
            if (RESTRICT_FUNCTION.equals(call.call().function())
                    && process.getFlowElement(call.element(), true) instanceof FlowNode) {
                steps.add(call.element());
            }
        }
        return steps;
    }

    /** Where the plan can begin: the process's start events and those of its event sub-processes, at any time. */
    private static List<FlowNode> roots(Process process) {
        List<FlowNode> roots = new ArrayList<>();
        for (StartEvent start : process.findFlowElementsOfType(StartEvent.class, true)) {
            if (start.getParentContainer() instanceof Process || start.getParentContainer() instanceof EventSubProcess) {
                roots.add(start);
            }
        }
        return roots;
    }

    /** The steps reachable from {@code root} on ways that pass no timer of {@code days} days or more. */
    private static Set<String> reachedWithoutWaiting(Process process, FlowNode root, int days) {
        Set<String> seen = new HashSet<>();
        Deque<FlowNode> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            FlowNode node = todo.pop();
            if (!seen.add(node.getId()) || (node != root && waitsAtLeast(node, days))) {
                continue;
            }
            for (SequenceFlow flow : node.getOutgoingFlows()) {
                if (process.getFlowElement(flow.getTargetRef(), true) instanceof FlowNode next) {
                    todo.push(next);
                }
            }
            if (node instanceof SubProcess sub && !(sub instanceof EventSubProcess)) {
                sub.findAllSubFlowElementInFlowMapOfType(StartEvent.class).stream()
                        .filter(start -> start.getParentContainer() == sub).forEach(todo::push);
            }
            if (node instanceof Activity activity) {
                activity.getBoundaryEvents().forEach(todo::push);
            }
            if (node.getOutgoingFlows().isEmpty() && node.getParentContainer() instanceof SubProcess parent
                    && !(parent instanceof EventSubProcess)) {
                parent.getOutgoingFlows().forEach(flow -> {
                    if (process.getFlowElement(flow.getTargetRef(), true) instanceof FlowNode after) {
                        todo.push(after);
                    }
                });
            }
        }
        return seen;
    }

    /** Whether the step is a timer (a catch event, or one on a task's border) that waits {@code days} or longer. */
    static boolean waitsAtLeast(FlowNode node, int days) {
        if (!(node instanceof Event event) || !(event instanceof BoundaryEvent
                || event instanceof IntermediateCatchEvent)) {
            return false;
        }
        return event.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
                .map(TimerEventDefinition.class::cast).map(TimerEventDefinition::getTimeDuration)
                .anyMatch(duration -> atLeast(duration, days));
    }

    static boolean atLeast(String duration, int days) {
        if (duration == null || duration.isBlank() || duration.contains("${") || duration.contains("#{")) {
            return false;
        }
        String iso = duration.strip();
        try {
            return Duration.parse(iso).compareTo(Duration.ofDays(days)) >= 0;
        } catch (DateTimeParseException notADuration) {
            try {
                Period period = Period.parse(iso);
                // The shortest a month can be, so that "P1M" never passes for 30 days in February.
                long shortest = period.getYears() * 365L + period.getMonths() * 28L + period.getDays();
                return !period.isNegative() && shortest >= days;
            } catch (DateTimeParseException notAPeriod) {
                return false;
            }
        }
    }
}
