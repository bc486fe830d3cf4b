package dev.dunning.plans;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells the plan catalog that a process definition was deployed in this JVM, whichever way it was deployed (the
 * catalog, the engine's REST API, a test), so that the plans' rules it keeps are read again at once.
 */
@Component
class LatestPlansForgetter implements FlowableEventListener {

    private final ObjectProvider<PlanCatalog> catalog;

    LatestPlansForgetter(ObjectProvider<PlanCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event.getType() == FlowableEngineEventType.ENTITY_CREATED && event instanceof FlowableEntityEvent created
                && created.getEntity() instanceof ProcessDefinition) {
            PlanCatalog plans = catalog.getIfAvailable();
            if (plans != null) {
                plans.forgetLatestPlans();
            }
        }
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
