package dev.dunning.plans;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

import org.flowable.common.engine.impl.el.DefaultExpressionManager;
import org.flowable.common.engine.impl.javax.el.ELContext;
import org.flowable.common.engine.impl.javax.el.ELException;
import org.flowable.common.engine.impl.javax.el.ELResolver;
import org.flowable.dmn.spring.SpringDmnEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The DMN engine as plan choices use it: no history of every execution (a daily evaluation runs it for many
 * customers), and expressions that see the decision's inputs and nothing else. Flowable DMN evaluates entries as
 * JUEL; its Spring configuration would resolve any bean by name, and JUEL calls methods on any value. Here there are
 * no beans, and any property read or method call on a value fails.
 */
@Configuration(proxyBeanMethods = false)
class DecisionEngineConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringDmnEngineConfiguration> dunningDecisionEngineConfigurer() {
        return dmn -> {
            dmn.setHistoryEnabled(false);
            // DecisionReader refuses DTDs first; the engine's own reading refuses external entities as well.
            dmn.setEnableSafeDmnXml(true);
            dmn.setBeans(Map.of());
            DefaultExpressionManager expressions = new DefaultExpressionManager(Map.of());
            expressions.setBeanResolver(new InputsOnlyResolver());
            dmn.setExpressionManager(expressions);
        };
    }

    /** Stands where the bean resolver stands: after the inputs; resolves nothing and refuses calls and reads on values. */
    static final class InputsOnlyResolver extends ELResolver {

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base == null) {
                throw new ELException("'" + property + "' is not an input of a plan choice");
            }
            throw new ELException("a plan choice may not read '" + property + "' of an input");
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            throw new ELException("a plan choice may not call '" + method + "'");
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            throw new ELException("a plan choice may not change '" + property + "'");
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return Collections.emptyIterator();
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }
}
