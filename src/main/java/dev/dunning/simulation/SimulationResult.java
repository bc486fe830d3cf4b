package dev.dunning.simulation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What would happen if the plan ran for the sample: per day and in total. Nothing of it was sent or stored
 * anywhere but in the simulation's own record.
 *
 * @param customers        customers in the sample
 * @param casesOpened      of them, those whose debt reached the plan's minimum, so a case opened
 * @param perDay           one entry per simulated day, the first being the start date
 * @param noticesByChannel notices that would go out, by channel (a customer reached by no channel the step names
 *                         gets the fallback channel, as in the real outbox)
 * @param tasksByGroup     tasks worked, by candidate group (the managers' dispute reviews included)
 * @param people           people per group used for the per-person load
 * @param stagesReached    cases that reached each report stage at least once
 * @param legalStage       cases that reached the legal stage (a lawyer's task)
 * @param filedToCourt     cases a lawyer filed to court
 * @param paidCases        cases settled because the debt was paid
 * @param averageDaysToPay mean days from opening to payment over the paid cases (null when none paid)
 * @param stillOpen        cases still open at the end
 * @param cancelledNotices notices held back by contact rules and cancelled because the debt was paid first
 * @param deferredNotices  notices the contact rules moved to a later time
 * @param problems         plan steps that failed in the sandbox, with how often (the plan would fail so in earnest)
 */
public record SimulationResult(
        String planKey,
        Integer planVersion,
        String group,
        LocalDate startsOn,
        int days,
        long seed,
        int customers,
        int casesOpened,
        BigDecimal debtInWork,
        List<Day> perDay,
        Map<String, Long> noticesByChannel,
        Map<String, Long> noticesByTemplate,
        Map<String, Long> tasksByGroup,
        Map<String, Long> tasksByStep,
        Map<String, Long> callOutcomes,
        Map<String, Long> legalOutcomes,
        Map<String, Integer> people,
        Map<String, Integer> stagesReached,
        int legalStage,
        int filedToCourt,
        int judgments,
        int writtenOff,
        int paidCases,
        BigDecimal collected,
        Double averageDaysToPay,
        int stillOpen,
        long cancelledNotices,
        long deferredNotices,
        List<String> problems,
        long elapsedMillis) {

    /**
     * One simulated day (the company's time zone).
     *
     * @param tasks          tasks worked that day, by group
     * @param tasksPerPerson tasks per person that day, by group (tasks / people in the group)
     * @param openCases      cases open at the end of the day
     */
    public record Day(LocalDate date, Map<String, Long> notices, Map<String, Long> tasks,
            Map<String, Double> tasksPerPerson, int payments, BigDecimal paid, int openCases) {

        public long noticeTotal() {
            return notices.values().stream().mapToLong(Long::longValue).sum();
        }

        public long taskTotal() {
            return tasks.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public long noticeTotal() {
        return noticesByChannel.values().stream().mapToLong(Long::longValue).sum();
    }

    public long taskTotal() {
        return tasksByGroup.values().stream().mapToLong(Long::longValue).sum();
    }
}
