package dev.dunning.engine;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationContext;

/** The beans exposed to plans by their plan names, fetched from the context only when an expression uses one. */
final class LazyBeans extends AbstractMap<Object, Object> {

    private final ApplicationContext context;
    private final Map<String, String> beanNameByPlanName = new java.util.HashMap<>();

    LazyBeans(ApplicationContext context, String[] beanNames) {
        this.context = context;
        for (String beanName : beanNames) {
            ExposedToPlans exposed = context.findAnnotationOnBean(beanName, ExposedToPlans.class);
            beanNameByPlanName.put(exposed.value(), beanName);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return beanNameByPlanName.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        String beanName = beanNameByPlanName.get(key);
        return beanName == null ? null : context.getBean(beanName);
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        Set<Entry<Object, Object>> entries = new LinkedHashSet<>();
        beanNameByPlanName.forEach((planName, beanName) -> entries.add(new SimpleEntry<>(planName, context.getBean(beanName))));
        return entries;
    }
}
