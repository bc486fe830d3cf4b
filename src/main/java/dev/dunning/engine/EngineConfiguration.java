package dev.dunning.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.impl.el.ProcessExpressionManager;
import org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.dunning.clock.BusinessClock;
import dev.dunning.database.StartupLock;

/** Ties the embedded engine to Dunning: its clock, what plans can reach, and who listens to it. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> dunningEngineConfigurer(
            BusinessClock clock, ApplicationContext context, StartupLock startupLock) {
        return engine -> {
            // before the engine creates or upgrades its tables, which two nodes must not do at once
            startupLock.holdUntilStarted("engine tables");
            engine.setClock(new EngineClock(clock));
            // Plans are checked before they reach the engine (PlanXml refuses DTDs); the engine's own reading refuses
            // external entities as well, for any file that finds another way in.
            engine.setEnableSafeBpmnXml(true);
            if (clock.isSimulated() && engine.getAsyncExecutor() instanceof AbstractAsyncExecutor executor) {
                // Simulated time jumps; EngineJobs hands due timers to the executor right after each jump.
                // The executor's own timer poll would only race it for the same timers.
                executor.getConfiguration().setTimerJobAcquisitionEnabled(false);
            }

            // Looked up lazily: the exposed beans may themselves need engine services.
            Map<Object, Object> exposed = new LazyBeans(context, context.getBeanNamesForAnnotation(ExposedToPlans.class));
            Set<Class<?>> exposedTypes = new HashSet<>();
            for (String name : context.getBeanNamesForAnnotation(ExposedToPlans.class)) {
                exposedTypes.add(org.springframework.util.ClassUtils.getUserClass(context.getType(name)));
            }
            engine.setBeans(exposed);
            ProcessExpressionManager expressions = new ProcessExpressionManager(exposed);
            expressions.setBeanResolver(new PlanSandboxResolver(exposedTypes));
            engine.setExpressionManager(expressions);

            List<FlowableEventListener> listeners = new ArrayList<>(
                    engine.getEventListeners() == null ? List.of() : engine.getEventListeners());
            listeners.addAll(context.getBeanProvider(FlowableEventListener.class).orderedStream().toList());
            engine.setEventListeners(listeners);
        };
    }
}
