package dev.dunning.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** How the cockpit prints what the engine keeps: variables cut to a glance, and a failure's innermost cause. */
class CockpitTextsTest {

    @Test
    void aLongVariableIsCutAndSaysSoWhileAShortOneStaysAsItIs() {
        CaseInspector.Variable long_ = CaseInspector.variable("note", "x".repeat(500));
        assertThat(long_.value()).hasSize(CaseInspector.MAX_VALUE).endsWith("…");
        assertThat(long_.shortened()).isTrue();
        assertThat(CaseInspector.variable("promisedOn", LocalDate.of(2026, 3, 9)))
                .isEqualTo(new CaseInspector.Variable("promisedOn", "LocalDate", "2026-03-09", false));
        assertThat(CaseInspector.variable("missing", null).value()).isEqualTo("null");
    }

    @Test
    void theCauseIsTheLastCausedByOfTheStackTraceOrItsFirstLine() {
        String nested = """
                org.flowable.common.engine.api.FlowableException: Error while evaluating expression
                \tat org.flowable.Some.method(Some.java:1)
                Caused by: org.flowable.ELException: java.lang.IllegalStateException: down
                \t... 3 more
                Caused by: java.lang.IllegalStateException: down
                \t... 5 more
                """;
        assertThat(FailedJobs.rootCause(nested.getBytes(StandardCharsets.UTF_8), "engine message"))
                .isEqualTo("java.lang.IllegalStateException: down");
        assertThat(FailedJobs.rootCause("java.lang.RuntimeException: flat\n\tat a.b(C.java:1)\n"
                .getBytes(StandardCharsets.UTF_8), "engine message")).isEqualTo("java.lang.RuntimeException: flat");
        assertThat(FailedJobs.rootCause(null, "engine message")).isEqualTo("engine message");
        assertThat(FailedJobs.rootCause(("Caused by: " + "y".repeat(1000)).getBytes(StandardCharsets.UTF_8), null))
                .hasSize(FailedJobs.MAX_CAUSE);
    }
}
