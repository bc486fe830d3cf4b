package dev.dunning.plans;

import java.util.Map;
import java.util.Set;

import dev.dunning.cases.CaseActions;

/** The step library as the application has it (plan = CaseActions), for checks without an application. */
final class TestSteps {

    private TestSteps() {
    }

    static StepLibrary library() {
        return StepLibrary.of(Map.of("plan", CaseActions.class), Set.of("dunningEngineConfigurer", "jdbcTemplate",
                "planCatalog", "caseActions"));
    }

    static PlanReader reader() {
        return new PlanReader(library());
    }
}
