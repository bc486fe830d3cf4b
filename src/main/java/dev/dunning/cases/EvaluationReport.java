package dev.dunning.cases;

import java.time.LocalDate;

/** What one evaluation did: cases opened for new debt, and running cases settled, suspended or resumed. */
public record EvaluationReport(LocalDate day, int opened, int settled, int suspended, int resumed, long millis) {
}
