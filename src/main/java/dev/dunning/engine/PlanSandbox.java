package dev.dunning.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.flowable.engine.impl.el.ProcessExpressionManager;

/**
 * For other engines that run plans (the plan simulation's sandbox): an expression manager with the same
 * restriction as the real engine's, so that a plan's expressions can call public methods of the given beans, by
 * their plan names, and nothing else.
 */
public final class PlanSandbox {

    private PlanSandbox() {
    }

    /** An expression manager whose expressions reach only {@code beansByPlanName} ({@code plan} -> its bean). */
    public static ProcessExpressionManager expressions(Map<String, Object> beansByPlanName) {
        Map<Object, Object> beans = new HashMap<>(beansByPlanName);
        Set<Class<?>> types = new HashSet<>();
        beansByPlanName.values().forEach(bean -> types.add(bean.getClass()));
        ProcessExpressionManager expressions = new ProcessExpressionManager(beans);
        expressions.setBeanResolver(new PlanSandboxResolver(types));
        return expressions;
    }
}
