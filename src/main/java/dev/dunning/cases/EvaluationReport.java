package dev.dunning.cases;

import java.time.LocalDate;

/**
 * What one evaluation did: cases opened for new debt, running cases settled, suspended or resumed, and
 * reminders started for payments falling due soon (one per customer and due date).
 */
public record EvaluationReport(LocalDate day, int opened, int settled, int suspended, int resumed,
        int remindersStarted, long millis) {
}
