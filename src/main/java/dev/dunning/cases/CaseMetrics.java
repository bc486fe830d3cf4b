package dev.dunning.cases;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dunning.metrics.AfterCommit;
import dev.dunning.metrics.CountGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The cases' metrics: {@code dunning.cases.opened} and {@code dunning.cases.ended} (counters by plan; ended also by
 * how: settled or closed), {@code dunning.cases.active} (gauge by status and stage) and {@code dunning.evaluation}
 * (timer of the daily evaluation). Counters move once the change is committed.
 */
@Component
class CaseMetrics {

    private final MeterRegistry registry;
    private final Timer evaluation;

    CaseMetrics(MeterRegistry registry, CountGauges gauges, JdbcClient jdbc) {
        this.registry = registry;
        this.evaluation = Timer.builder("dunning.evaluation")
                .description("How long the daily evaluation took (reconcile running cases, open new ones)")
                .register(registry);
        // Cases in work only: the range of case_by_status (status, stage) for open and suspended cases, so the read
        // stays small however many ended cases pile up; ended ones are what dunning.cases.ended counts.
        gauges.register("dunning.cases.active", "Cases in work, by status (open, suspended) and stage",
                List.of("status", "stage"),
                List.of(Arrays.asList(CaseStatus.OPEN.code(), null), Arrays.asList(CaseStatus.SUSPENDED.code(), null)),
                () -> {
                    Map<List<String>, Long> counts = new HashMap<>();
                    jdbc.sql("""
                            SELECT status, stage, COUNT(*) AS cases FROM collection_case
                            WHERE status IN ('open', 'suspended') GROUP BY status, stage""")
                            .query((rs, row) -> counts.put(Arrays.asList(rs.getString("status"), rs.getString("stage")),
                                    rs.getLong("cases")))
                            .list();
                    return counts;
                });
    }

    /** Counts cases opened, per plan, once the batch that opened them is committed. */
    void opened(Map<String, Integer> casesByPlan) {
        AfterCommit.run(() -> casesByPlan.forEach((plan, cases) -> Counter.builder("dunning.cases.opened")
                .description("Cases opened by the evaluation").tag("plan", plan).register(registry).increment(cases)));
    }

    /** Counts a case that ended: {@code how} is settled (debt paid) or closed (the plan ended it). */
    void ended(String plan, CaseStatus how) {
        AfterCommit.run(() -> Counter.builder("dunning.cases.ended")
                .description("Cases that ended: settled when the debt was paid, closed when the plan ended them")
                .tag("plan", plan == null ? "none" : plan).tag("how", how.code()).register(registry).increment());
    }

    void evaluated(long nanos) {
        evaluation.record(nanos, TimeUnit.NANOSECONDS);
    }
}
