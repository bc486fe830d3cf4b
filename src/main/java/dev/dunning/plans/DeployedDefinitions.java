package dev.dunning.plans;

import java.util.concurrent.atomic.AtomicLong;

import org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * Counts the process definitions deployed in this JVM, whichever way they were deployed (the catalog, the engine's
 * REST API, a test), so that the plan catalog reads the plans' rules again at once when the count moved. It depends
 * on nothing: the engine deploys the plan files while the catalog itself is being created.
 */
@Component
class DeployedDefinitions extends AbstractFlowableEventListener {

    private final AtomicLong deployed = new AtomicLong();

    /** How many process definitions were deployed in this JVM so far. */
    long count() {
        return deployed.get();
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event.getType() == FlowableEngineEventType.ENTITY_CREATED && event instanceof FlowableEntityEvent created
                && created.getEntity() instanceof ProcessDefinition) {
            deployed.incrementAndGet();
        }
    }

    @Override
    public boolean isFailOnException() {
        return false;
    }
}
