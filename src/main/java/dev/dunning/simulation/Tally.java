package dev.dunning.simulation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The counts a simulation keeps, per day and in total; the shards' tallies add up to the run's. */
final class Tally {

    private final int days;
    private final List<Map<String, Long>> noticesPerDay = new ArrayList<>();
    private final List<Map<String, Long>> tasksPerDay = new ArrayList<>();
    private final int[] paymentsPerDay;
    private final BigDecimal[] paidPerDay;
    private final int[] endedPerDay;
    final Map<String, Long> noticesByChannel = new TreeMap<>();
    final Map<String, Long> noticesByTemplate = new TreeMap<>();
    final Map<String, Long> tasksByGroup = new TreeMap<>();
    final Map<String, Long> tasksByStep = new TreeMap<>();
    final Map<String, Long> callOutcomes = new TreeMap<>();
    final Map<String, Long> legalOutcomes = new TreeMap<>();
    final Map<String, Integer> stagesReached = new TreeMap<>();
    final Map<String, Long> problems = new TreeMap<>();
    int customers;
    int casesOpened;
    BigDecimal debtInWork = BigDecimal.ZERO;
    int legalStage;
    int filedToCourt;
    int judgments;
    int writtenOff;
    int paidCases;
    BigDecimal collected = BigDecimal.ZERO;
    double daysToPay;
    int stillOpen;
    long cancelledNotices;
    long deferredNotices;

    Tally(int days) {
        this.days = days;
        for (int day = 0; day < days; day++) {
            noticesPerDay.add(new TreeMap<>());
            tasksPerDay.add(new TreeMap<>());
        }
        paymentsPerDay = new int[days];
        paidPerDay = new BigDecimal[days];
        java.util.Arrays.fill(paidPerDay, BigDecimal.ZERO);
        endedPerDay = new int[days];
    }

    private int clamp(int day) {
        return Math.max(0, Math.min(days - 1, day));
    }

    void notice(int day, String channel, String template) {
        noticesPerDay.get(clamp(day)).merge(channel, 1L, Long::sum);
        noticesByChannel.merge(channel, 1L, Long::sum);
        noticesByTemplate.merge(template, 1L, Long::sum);
    }

    void task(int day, String group, String step) {
        tasksPerDay.get(clamp(day)).merge(group, 1L, Long::sum);
        tasksByGroup.merge(group, 1L, Long::sum);
        tasksByStep.merge(step, 1L, Long::sum);
    }

    void payment(int day, BigDecimal amount, double daysSinceOpening) {
        paymentsPerDay[clamp(day)]++;
        paidPerDay[clamp(day)] = paidPerDay[clamp(day)].add(amount);
        collected = collected.add(amount);
        paidCases++;
        daysToPay += daysSinceOpening;
    }

    void caseEnded(int day) {
        endedPerDay[clamp(day)]++;
    }

    void problem(String what) {
        problems.merge(what, 1L, Long::sum);
    }

    void add(Tally other) {
        for (int day = 0; day < days; day++) {
            int at = day;
            other.noticesPerDay.get(day).forEach((key, count) -> noticesPerDay.get(at).merge(key, count, Long::sum));
            other.tasksPerDay.get(day).forEach((key, count) -> tasksPerDay.get(at).merge(key, count, Long::sum));
            paymentsPerDay[day] += other.paymentsPerDay[day];
            paidPerDay[day] = paidPerDay[day].add(other.paidPerDay[day]);
            endedPerDay[day] += other.endedPerDay[day];
        }
        other.noticesByChannel.forEach((key, count) -> noticesByChannel.merge(key, count, Long::sum));
        other.noticesByTemplate.forEach((key, count) -> noticesByTemplate.merge(key, count, Long::sum));
        other.tasksByGroup.forEach((key, count) -> tasksByGroup.merge(key, count, Long::sum));
        other.tasksByStep.forEach((key, count) -> tasksByStep.merge(key, count, Long::sum));
        other.callOutcomes.forEach((key, count) -> callOutcomes.merge(key, count, Long::sum));
        other.legalOutcomes.forEach((key, count) -> legalOutcomes.merge(key, count, Long::sum));
        other.stagesReached.forEach((key, count) -> stagesReached.merge(key, count, Integer::sum));
        other.problems.forEach((key, count) -> problems.merge(key, count, Long::sum));
        customers += other.customers;
        casesOpened += other.casesOpened;
        debtInWork = debtInWork.add(other.debtInWork);
        legalStage += other.legalStage;
        filedToCourt += other.filedToCourt;
        judgments += other.judgments;
        writtenOff += other.writtenOff;
        paidCases += other.paidCases;
        collected = collected.add(other.collected);
        daysToPay += other.daysToPay;
        stillOpen += other.stillOpen;
        cancelledNotices += other.cancelledNotices;
        deferredNotices += other.deferredNotices;
    }

    SimulationResult result(String planKey, Integer planVersion, String group, LocalDate startsOn, long seed,
            Map<String, Integer> people, long elapsedMillis) {
        List<SimulationResult.Day> perDay = new ArrayList<>(days);
        int open = casesOpened;
        for (int day = 0; day < days; day++) {
            open -= endedPerDay[day];
            Map<String, Double> perPerson = new TreeMap<>();
            tasksPerDay.get(day).forEach((taskGroup, count) -> {
                int staff = people.getOrDefault(taskGroup, 0);
                if (staff > 0) {
                    perPerson.put(taskGroup, Math.round(count * 10.0 / staff) / 10.0);
                }
            });
            perDay.add(new SimulationResult.Day(startsOn.plusDays(day), Map.copyOf(noticesPerDay.get(day)),
                    Map.copyOf(tasksPerDay.get(day)), Map.copyOf(perPerson), paymentsPerDay[day],
                    paidPerDay[day].setScale(2, RoundingMode.HALF_UP), open));
        }
        List<String> problemLines = problems.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue() + (entry.getValue() == 1 ? " time)" : " times)"))
                .limit(20).toList();
        return new SimulationResult(planKey, planVersion, group, startsOn, days, seed, customers, casesOpened,
                debtInWork.setScale(2, RoundingMode.HALF_UP), perDay, new TreeMap<>(noticesByChannel),
                new TreeMap<>(noticesByTemplate), new TreeMap<>(tasksByGroup), new TreeMap<>(tasksByStep),
                new TreeMap<>(callOutcomes), new TreeMap<>(legalOutcomes), new TreeMap<>(people),
                new TreeMap<>(stagesReached), legalStage, filedToCourt, judgments, writtenOff, paidCases,
                collected.setScale(2, RoundingMode.HALF_UP),
                paidCases == 0 ? null : Math.round(daysToPay * 10.0 / paidCases) / 10.0, stillOpen, cancelledNotices,
                deferredNotices, problemLines, elapsedMillis);
    }
}
