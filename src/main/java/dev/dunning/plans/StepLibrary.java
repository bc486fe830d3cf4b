package dev.dunning.plans;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import dev.dunning.engine.ExposedToPlans;

/**
 * Dunning's step library: what a plan may call. These are the public methods of the beans annotated
 * {@link ExposedToPlans}, under the bean's plan name ({@code plan.sendNotice(...)}), each with the numbers of
 * arguments it takes. Also knows the names a plan must never use as a variable: the engine's own objects and the
 * names of the application's beans.
 */
final class StepLibrary {

    /** Names the engine resolves to its own objects (or Dunning's own plan data) rather than to a plan's variables. */
    static final Set<String> ENGINE_NAMES = Set.of("task", "variableContainer", "authenticatedUserId",
            "processEngineConfiguration", "runtimeService", "repositoryService", "taskService", "historyService",
            "managementService", "identityService", "formService", "dynamicBpmnService", "processEngine",
            "applicationContext", "environment", "systemProperties", "systemEnvironment", "beanFactory",
            "dataSource", "jdbcTemplate", "entityManager", "flowable", "variables", "vars", "fn", "class");

    /** Variables Dunning sets itself: a plan may read them but not overwrite them (e.g. as a result variable). */
    static final Set<String> DUNNING_VARIABLES = Set.of("customerId", "caseId", "planKey", "completedBy");

    private final Map<String, Map<String, Set<Integer>>> arities;
    private final Set<String> beanNames;

    private StepLibrary(Map<String, Map<String, Set<Integer>>> arities, Set<String> beanNames) {
        this.arities = Map.copyOf(arities);
        this.beanNames = Set.copyOf(beanNames);
    }

    /** The library of these plan names and bean classes; {@code beanNames} are names a plan may not use. */
    static StepLibrary of(Map<String, Class<?>> exposed, Set<String> beanNames) {
        Map<String, Map<String, Set<Integer>>> arities = new HashMap<>();
        exposed.forEach((planName, type) -> {
            Map<String, Set<Integer>> methods = new TreeMap<>();
            for (Method method : type.getMethods()) {
                if (method.getDeclaringClass() != Object.class && Modifier.isPublic(method.getModifiers())
                        && !Modifier.isStatic(method.getModifiers())) {
                    methods.computeIfAbsent(method.getName(), name -> new TreeSet<>()).add(method.getParameterCount());
                }
            }
            arities.put(planName, methods);
        });
        return new StepLibrary(arities, beanNames);
    }

    /** The library of the running application: its {@link ExposedToPlans} beans, and all its bean names. */
    static StepLibrary of(ApplicationContext context) {
        Map<String, Class<?>> exposed = new HashMap<>();
        for (String beanName : context.getBeanNamesForAnnotation(ExposedToPlans.class)) {
            ExposedToPlans annotation = context.findAnnotationOnBean(beanName, ExposedToPlans.class);
            exposed.put(annotation.value(), ClassUtils.getUserClass(context.getType(beanName)));
        }
        return of(exposed, Set.of(context.getBeanDefinitionNames()));
    }

    boolean isPlanName(String name) {
        return arities.containsKey(name);
    }

    /** The plan names ({@code plan}). */
    Set<String> planNames() {
        return new TreeSet<>(arities.keySet());
    }

    /** The argument counts the function takes; empty if the plan name has no such public method. */
    Set<Integer> arities(String planName, String method) {
        return arities.getOrDefault(planName, Map.of()).getOrDefault(method, Set.of());
    }

    /** The functions of a plan name, for messages. */
    Set<String> functions(String planName) {
        return arities.getOrDefault(planName, Map.of()).keySet();
    }

    /** Whether a plan may not use this name as a variable: an engine object or an application bean. */
    boolean isReserved(String name) {
        return !isPlanName(name) && (ENGINE_NAMES.contains(name) || beanNames.contains(name));
    }
}
