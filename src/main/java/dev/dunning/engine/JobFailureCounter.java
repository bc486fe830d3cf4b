package dev.dunning.engine;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.job.api.JobInfo;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code dunning.engine.jobs.failed}: engine jobs (timers, async steps) whose execution threw, by handler type. Each
 * failed attempt counts; a job that used up its retries lands among the dead-letter jobs, which
 * {@code dunning.engine.jobs.dead-letter} shows. Needs nothing of the engine, so the engine can take it as a listener.
 */
@Component
class JobFailureCounter implements FlowableEventListener {

    private final MeterRegistry registry;

    JobFailureCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event.getType() != FlowableEngineEventType.JOB_EXECUTION_FAILURE) {
            return;
        }
        String type = event instanceof FlowableEntityEvent entity && entity.getEntity() instanceof JobInfo job
                && job.getJobHandlerType() != null ? job.getJobHandlerType() : "unknown";
        Counter.builder("dunning.engine.jobs.failed")
                .description("Engine job executions that failed (each attempt), by job handler type")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    @Override
    public boolean isFailOnException() {
        return false;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return false;
    }

    @Override
    public String getOnTransaction() {
        return null;
    }
}
