package dev.dunning.simulation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.scheduling.support.CronExpression;

import dev.dunning.contact.ContactSchedule;

/**
 * Everything a run needs besides its customers, decided before it starts: the plan's file and what it says about
 * itself, the assumed behaviour, the contact rules, and the simulated period.
 *
 * @param stages        activity id -> report stage ({@code dunning:stage})
 * @param initialStage  the start event's stage, where a new case stands
 * @param userTasks     user task id -> who works it and with which form
 * @param forms         form key -> its fields, for forms the behaviour does not speak of
 * @param contactRules  the customer group's rules, or null when notices go when the plan sends them
 * @param evaluation    when the daily evaluation runs (it resumes cases whose freeze ended)
 * @param end           the end of the simulated period (exclusive)
 */
record SimulationSetup(
        String planKey,
        String fileName,
        byte[] xml,
        BigDecimal minimumAmount,
        Map<String, String> stages,
        String initialStage,
        Map<String, UserTaskStep> userTasks,
        Map<String, List<FormField>> forms,
        SimulationRequest.Behaviour behaviour,
        ContactSchedule contactRules,
        LocalTime workFrom,
        LocalTime workTo,
        CronExpression evaluation,
        String fallbackChannel,
        ZoneId zone,
        Instant start,
        Instant end,
        int days,
        long seed) {

    /** A user task of the plan: its first candidate group (or "unassigned") and its form. */
    record UserTaskStep(String id, String group, String formKey) {
    }

    /** A form field as far as a simulated person fills it in. */
    record FormField(String id, String type, boolean required, List<String> options, Map<String, String> requiredWhen) {
    }
}
