package dev.dunning.engine;

import java.util.List;
import java.util.Map;

import org.flowable.engine.ManagementService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.dunning.metrics.CountGauges;

/**
 * {@code dunning.engine.jobs.dead-letter}: jobs that used up their retries and wait for a person (the cockpit, or
 * {@code /process-api/management/deadletter-jobs}); one count query per cache period.
 */
@Component
class DeadLetterJobs {

    DeadLetterJobs(CountGauges gauges, ObjectProvider<ManagementService> management) {
        gauges.register("dunning.engine.jobs.dead-letter", "Engine jobs that used up their retries", List.of(),
                List.of(List.of()),
                () -> Map.of(List.of(), management.getObject().createDeadLetterJobQuery().count()));
    }
}
