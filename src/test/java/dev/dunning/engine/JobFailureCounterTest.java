package dev.dunning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class JobFailureCounterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JobFailureCounter counter = new JobFailureCounter(registry);

    private static FlowableEntityEvent event(FlowableEngineEventType type, String handlerType) {
        Job job = mock(Job.class);
        when(job.getJobHandlerType()).thenReturn(handlerType);
        FlowableEntityEvent event = mock(FlowableEntityEvent.class);
        when(event.getType()).thenReturn(type);
        when(event.getEntity()).thenReturn(job);
        return event;
    }

    @Test
    void eachFailedJobExecutionCountsByItsHandlerTypeAndOtherJobEventsDoNot() {
        counter.onEvent(event(FlowableEngineEventType.JOB_EXECUTION_FAILURE, "trigger-timer"));
        counter.onEvent(event(FlowableEngineEventType.JOB_EXECUTION_FAILURE, "trigger-timer"));
        counter.onEvent(event(FlowableEngineEventType.JOB_EXECUTION_SUCCESS, "trigger-timer"));

        assertThat(registry.get("dunning.engine.jobs.failed").tags("type", "trigger-timer").counter().count())
                .isEqualTo(2);
    }
}
