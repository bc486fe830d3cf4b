package dev.dunning.plans;

import java.time.Instant;

/**
 * A group's current champion/challenger split: {@code percent} per cent of its customers (those whose
 * {@link PlanSelection#bucket bucket} is below it) are worked on the challenger, the others on the champion (the
 * master plan), since {@code since}. A case's arm is its plan: {@code collection_case.plan_key}.
 */
public record PlanSplit(String group, String champion, String challenger, int percent, Instant since) {

    /** Which arm a case on {@code planKey} belongs to: champion, challenger, or neither (another plan). */
    public String armOf(String planKey) {
        if (challenger.equals(planKey)) {
            return "challenger";
        }
        return champion.equals(planKey) ? "champion" : "neither";
    }
}
