package dev.dunning.engine;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;

import org.flowable.common.engine.impl.javax.el.BeanELResolver;
import org.flowable.common.engine.impl.javax.el.ELContext;
import org.flowable.common.engine.impl.javax.el.ELException;
import org.flowable.common.engine.impl.javax.el.ELResolver;

/**
 * Replaces the engine's bean resolver so that an expression in a plan can call public methods of
 * the beans exposed to plans and nothing else: no {@code "".getClass().forName(...)}, no setters
 * on engine internals, no reflection through variable values.
 */
final class PlanSandboxResolver extends ELResolver {

    private final BeanELResolver delegate = new BeanELResolver(true);
    private final Set<Class<?>> exposedTypes;

    PlanSandboxResolver(Set<Class<?>> exposedTypes) {
        this.exposedTypes = Set.copyOf(exposedTypes);
    }

    private boolean exposed(Object base) {
        return base != null && exposedTypes.stream().anyMatch(type -> type.isInstance(base));
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base == null) {
            return null;
        }
        if (!exposed(base) || isObjectMethod(method)) {
            throw new ELException("plans may not call '" + method + "' on " + base.getClass().getSimpleName()
                    + "; only the functions Dunning exposes to plans can be called");
        }
        return delegate.invoke(context, base, method, paramTypes, params);
    }

    private static boolean isObjectMethod(Object method) {
        String name = String.valueOf(method);
        for (var objectMethod : Object.class.getMethods()) {
            if (objectMethod.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null) {
            return null;
        }
        throw new ELException("plans may not read '" + property + "' of " + base.getClass().getSimpleName()
                + "; read process variables by name or call a plan function instead");
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base != null) {
            throw new ELException("plans may not change '" + property + "' of " + base.getClass().getSimpleName());
        }
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
