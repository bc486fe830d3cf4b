package dev.dunning.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.impl.el.ProcessExpressionManager;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.dunning.clock.BusinessClock;

/** Ties the embedded engine to Dunning: its clock, what plans can reach, and who listens to it. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> dunningEngineConfigurer(
            BusinessClock clock, ApplicationContext context) {
        return engine -> {
            engine.setClock(new EngineClock(clock));

            Map<Object, Object> exposed = new HashMap<>();
            Set<Class<?>> exposedTypes = new HashSet<>();
            context.getBeansWithAnnotation(ExposedToPlans.class).forEach((beanName, bean) -> {
                Class<?> type = org.springframework.aop.support.AopUtils.getTargetClass(bean);
                exposed.put(type.getAnnotation(ExposedToPlans.class).value(), bean);
                exposedTypes.add(bean.getClass());
            });
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
