package dev.dunning.plans;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.Duration;

import org.flowable.bpmn.model.TimerEventDefinition;

/**
 * What a plan's timers may say. Written out (not computed), a timer is ISO 8601: a duration of at least a minute
 * ({@code P7D}, {@code PT30M}), a date-time ({@code 2026-03-01T10:00:00Z}), or a repeating cycle with a count
 * ({@code R3/PT1H}, at most {@value #MAX_REPEATS} times): an unbounded {@code R/...} or a cron cycle would fire for
 * ever. A computed timer ({@code ${plan.dayAfter(promisedOn)}}) follows the plan expression grammar.
 */
final class TimerRules {

    static final int MAX_REPEATS = 100;
    private static final long ONE_MINUTE_MILLIS = 60_000;
    private static final Pattern CYCLE = Pattern.compile("R(\\d*)/(.+)");
    private static final Date REFERENCE = new GregorianCalendar(2026, 0, 1).getTime();

    /** The engine reads durations as XML durations too; the factory is not promised to be thread-safe. */
    private static final ThreadLocal<DatatypeFactory> DURATIONS = ThreadLocal.withInitial(() -> {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("the JDK has no XML duration parser", e);
        }
    });

    private final ExpressionGrammar grammar;

    TimerRules(ExpressionGrammar grammar) {
        this.grammar = grammar;
    }

    /** Problems of the timer on this element; the plan calls it makes go to {@code calls}. */
    List<PlanProblem> check(String element, TimerEventDefinition timer, List<ExpressionGrammar.PlanCall> calls) {
        List<PlanProblem> problems = new ArrayList<>();
        String date = blankToNull(timer.getTimeDate());
        String duration = blankToNull(timer.getTimeDuration());
        String cycle = blankToNull(timer.getTimeCycle());
        int given = (date == null ? 0 : 1) + (duration == null ? 0 : 1) + (cycle == null ? 0 : 1);
        if (given != 1) {
            problems.add(new PlanProblem(element, "a timer needs exactly one of timeDate, timeDuration or timeCycle, this one has "
                    + given));
        }
        if (date != null) {
            check(element, "timeDate", date, problems, calls, this::dateProblem);
        }
        if (duration != null) {
            check(element, "timeDuration", duration, problems, calls, this::durationProblem);
        }
        if (cycle != null) {
            check(element, "timeCycle", cycle, problems, calls, this::cycleProblem);
        }
        String end = blankToNull(timer.getEndDate());
        if (end != null) {
            check(element, "endDate", end, problems, calls, this::dateProblem);
        }
        return problems;
    }

    private void check(String element, String what, String value, List<PlanProblem> problems,
            List<ExpressionGrammar.PlanCall> calls, java.util.function.Function<String, String> literalRule) {
        if (ExpressionGrammar.isExpression(value)) {
            ExpressionGrammar.Checked checked = grammar.check(value);
            checked.refusals().forEach(refusal -> problems.add(new PlanProblem(element,
                    what + " '" + PlanRules.shorten(value) + "': " + refusal)));
            calls.addAll(checked.calls());
            return;
        }
        String problem = literalRule.apply(value.strip());
        if (problem != null) {
            problems.add(new PlanProblem(element, what + " '" + PlanRules.shorten(value) + "' " + problem));
        }
    }

    /** Null if this is an ISO 8601 duration of at least a minute. */
    String durationProblem(String value) {
        Duration duration;
        try {
            duration = DURATIONS.get().newDuration(value);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // the JDK's parser refuses bad syntax with the first and fields it cannot hold (huge numbers) with the second
            return "is not an ISO 8601 duration such as P7D, P1DT12H or PT30M";
        }
        if (duration.getSign() < 0) {
            return "is negative; a timer waits forward in time";
        }
        if (duration.getTimeInMillis(REFERENCE) < ONE_MINUTE_MILLIS) {
            return "is shorter than a minute; plans wait at least PT1M";
        }
        return null;
    }

    private String dateProblem(String value) {
        for (java.util.function.Consumer<String> parser : List.<java.util.function.Consumer<String>>of(
                OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)) {
            try {
                parser.accept(value);
                return null;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return "is not an ISO 8601 date or date-time such as 2026-03-01T10:00:00Z";
    }

    private String cycleProblem(String value) {
        Matcher cycle = CYCLE.matcher(value);
        if (!cycle.matches()) {
            return "is not an ISO 8601 repeating interval such as R3/PT1H (cron cycles are not accepted: they never end)";
        }
        if (cycle.group(1).isEmpty()) {
            return "repeats without end; give a count, such as R3/PT1H";
        }
        int repeats;
        try {
            repeats = Integer.parseInt(cycle.group(1));
        } catch (NumberFormatException e) {
            return "repeats " + cycle.group(1) + " times; at most " + MAX_REPEATS;
        }
        if (repeats < 1 || repeats > MAX_REPEATS) {
            return "repeats " + repeats + " times; a cycle repeats from 1 to " + MAX_REPEATS + " times";
        }
        String[] parts = cycle.group(2).split("/");
        if (parts.length > 2) {
            return "has more than a start and a period after the count";
        }
        String period = parts[parts.length - 1];
        String periodProblem = durationProblem(period);
        if (periodProblem != null) {
            return "has the period '" + period + "', which " + periodProblem;
        }
        if (parts.length == 2 && dateProblem(parts[0]) != null) {
            return "has the start '" + parts[0] + "', which is not an ISO 8601 date-time";
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
