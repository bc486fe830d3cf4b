package dev.dunning.installments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * A worked-out schedule: its payments add up to exactly {@code total}.
 *
 * @param withinStandardTerms whether it may be accepted at once; otherwise a manager decides
 */
public record InstallmentSchedule(BigDecimal total, Period interval, boolean withinStandardTerms,
        List<Installment> schedule) {

    public InstallmentSchedule {
        schedule = List.copyOf(schedule);
    }

    public LocalDate firstDueOn() {
        return schedule.get(0).dueOn();
    }

    public LocalDate lastDueOn() {
        return schedule.get(schedule.size() - 1).dueOn();
    }
}
