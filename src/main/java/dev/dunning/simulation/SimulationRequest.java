package dev.dunning.simulation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an analyst asks the simulation: which plan (a deployed version, or a BPMN file not deployed yet), which
 * customers, how they and the people working the tasks are assumed to behave, for how many days, with which seed.
 * Every field may be left out; {@link #withDefaults()} fills it in.
 *
 * @param version   the deployed version to run (null: the newest), ignored when {@code bpmn} is given
 * @param bpmn      a BPMN file's XML to run instead of a deployed version; checked as a deployment would be
 * @param days      how many days to simulate (1 to {@value PlanSimulations#MAX_DAYS})
 * @param seed      the seed of every random draw: the same request with the same seed gives the same result
 * @param people    people per task group ({@code collectors -> 3}); a group left out counts the enabled users who
 *                  work it
 */
public record SimulationRequest(Integer version, String bpmn, Sample sample, Behaviour behaviour, Integer days,
        Long seed, Map<String, Integer> people) {

    /**
     * The customers to run the plan for.
     *
     * @param source          {@code synthetic} (made up here) or {@code ledger} (real customers with debt worth working
     *                        today, read only)
     * @param size            how many customers (at most {@value PlanSimulations#MAX_CUSTOMERS})
     * @param group           the customer group: its contact rules apply, and for {@code ledger} the customers come
     *                        from it (null: the group whose master plan this is, else {@code individual})
     * @param minAmount       synthetic debts are drawn evenly between these amounts
     * @param emailPercent    the share of synthetic customers with an email address, likewise phone, Telegram chat and
     *                        postal address
     */
    public record Sample(String source, Integer size, String group, BigDecimal minAmount, BigDecimal maxAmount,
            Integer emailPercent, Integer phonePercent, Integer telegramPercent, Integer addressPercent) {

        Sample withDefaults() {
            return new Sample(source == null || source.isBlank() ? "synthetic" : source.strip(),
                    size == null ? 1000 : size, group == null || group.isBlank() ? null : group.strip(),
                    minAmount == null ? new BigDecimal("500.00") : minAmount,
                    maxAmount == null ? new BigDecimal("20000.00") : maxAmount,
                    emailPercent == null ? 70 : emailPercent, phonePercent == null ? 90 : phonePercent,
                    telegramPercent == null ? 30 : telegramPercent, addressPercent == null ? 100 : addressPercent);
        }
    }

    /**
     * How debtors and the people working the tasks are assumed to behave.
     *
     * @param payPercentAfter         per notice template, the chance (in %) that a debtor pays the whole debt after
     *                                receiving it; templates left out: 0
     * @param payWithinDays           such a payment arrives within this many days of the notice (evenly spread)
     * @param callOutcomes            weights of the collectors' call outcomes (the {@code call-debtor} form's values)
     * @param promiseKeptPercent      the chance a promise made on a call is kept (paid by the promised date)
     * @param promiseDays             a promise names a date 1 to this many days ahead
     * @param disputeAcceptedPercent  the chance a manager accepts a dispute (its amount stays frozen)
     * @param disputeFrozenDays       an accepted dispute stays frozen this many days
     * @param legalOutcomes           weights of the lawyers' outcomes (the {@code legal-case} form's values)
     * @param writeOffApprovedPercent the chance a manager approves a write-off the lawyer asked for
     * @param workingHours            when the simulated people work their tasks, on Monday to Friday, in the company's
     *                                time zone; a task is done at the next full working hour after it appears
     * @param contactRules            whether notices wait for the customer group's contact rules (hours, caps)
     */
    public record Behaviour(Map<String, Integer> payPercentAfter, Integer payWithinDays, Map<String, Integer> callOutcomes,
            Integer promiseKeptPercent, Integer promiseDays, Integer disputeAcceptedPercent, Integer disputeFrozenDays,
            Map<String, Integer> legalOutcomes, Integer writeOffApprovedPercent, String workingHours,
            Boolean contactRules) {

        static final Map<String, Integer> DEFAULT_PAY_AFTER = ordered("first-reminder", 30, "second-reminder", 20,
                "pretrial-claim", 15);
        static final Map<String, Integer> DEFAULT_CALL_OUTCOMES = ordered("promised", 30, "no-money", 20, "refused", 10,
                "disputes", 5, "no-answer", 30, "wrong-number", 5);
        static final Map<String, Integer> DEFAULT_LEGAL_OUTCOMES = ordered("claim-sent", 15, "paid-after-claim", 15,
                "filed-to-court", 50, "judgment", 10, "written-off", 10);

        Behaviour withDefaults() {
            return new Behaviour(payPercentAfter == null ? DEFAULT_PAY_AFTER : payPercentAfter,
                    payWithinDays == null ? 5 : payWithinDays,
                    callOutcomes == null || callOutcomes.isEmpty() ? DEFAULT_CALL_OUTCOMES : callOutcomes,
                    promiseKeptPercent == null ? 60 : promiseKeptPercent, promiseDays == null ? 7 : promiseDays,
                    disputeAcceptedPercent == null ? 50 : disputeAcceptedPercent,
                    disputeFrozenDays == null ? 14 : disputeFrozenDays,
                    legalOutcomes == null || legalOutcomes.isEmpty() ? DEFAULT_LEGAL_OUTCOMES : legalOutcomes,
                    writeOffApprovedPercent == null ? 80 : writeOffApprovedPercent,
                    workingHours == null || workingHours.isBlank() ? "09:00-18:00" : workingHours.strip(),
                    contactRules == null ? Boolean.TRUE : contactRules);
        }

        private static Map<String, Integer> ordered(Object... pairs) {
            Map<String, Integer> map = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                map.put((String) pairs[i], (Integer) pairs[i + 1]);
            }
            return java.util.Collections.unmodifiableMap(map);
        }
    }

    /** This request with every field left out filled in. */
    public SimulationRequest withDefaults() {
        return new SimulationRequest(version, bpmn == null || bpmn.isBlank() ? null : bpmn,
                (sample == null ? new Sample(null, null, null, null, null, null, null, null, null) : sample).withDefaults(),
                (behaviour == null ? new Behaviour(null, null, null, null, null, null, null, null, null, null, null)
                        : behaviour).withDefaults(),
                days == null ? 120 : days, seed == null ? 1L : seed, people == null ? Map.of() : Map.copyOf(people));
    }
}
