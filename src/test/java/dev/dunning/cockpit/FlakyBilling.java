package dev.dunning.cockpit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.flowable.engine.delegate.DelegateExecution;

import dev.dunning.engine.ExposedToPlans;

/**
 * A plan step that asks a billing system which is down for some customers: {@code ${billing.check(execution)}}
 * throws for them, so the step's async job fails on every retry and ends among the dead letters, until the test
 * brings billing back for that customer. Only tests have it ({@link CockpitTest}).
 */
@ExposedToPlans("billing")
public class FlakyBilling {

    static final String DOWN = "billing system unreachable";

    private final Set<String> unreachableFor = ConcurrentHashMap.newKeySet();

    public void check(DelegateExecution execution) {
        if (unreachableFor.contains(String.valueOf(execution.getVariable("customerId")))) {
            throw new IllegalStateException(DOWN);
        }
    }

    void downFor(String customerId) {
        unreachableFor.add(customerId);
    }

    void backFor(String customerId) {
        unreachableFor.remove(customerId);
    }
}
