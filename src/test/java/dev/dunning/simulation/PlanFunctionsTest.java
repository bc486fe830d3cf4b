package dev.dunning.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dunning.cases.CaseActions;
import dev.dunning.cases.PlanFunctions;

/** Every function a plan can call in earnest can be called in the simulation too. */
class PlanFunctionsTest {

    private static List<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(method -> Modifier.isPublic(method.getModifiers()))
                .filter(method -> !method.isSynthetic()).map(PlanFunctionsTest::signature).sorted().toList();
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }

    @Test
    void everyPublicFunctionOfCaseActionsIsAPlanFunction() {
        List<String> declared = Arrays.stream(PlanFunctions.class.getMethods()).map(PlanFunctionsTest::signature).toList();
        assertThat(declared)
                .as("add the new plan function to cases.PlanFunctions and simulate it in simulation.SimulatedPlan")
                .containsAll(publicMethods(CaseActions.class));
    }

    @Test
    void theSimulatedPlanOffersExactlyThePlanFunctions() {
        assertThat(PlanFunctions.class).isAssignableFrom(SimulatedPlan.class);
        assertThat(publicMethods(SimulatedPlan.class))
                .containsExactlyInAnyOrderElementsOf(publicMethods(PlanFunctions.class));
    }
}
