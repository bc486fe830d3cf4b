package dev.dunning.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * The events an application publishes on any thread (a request of the embedded server, a job) while a test
 * runs; Spring's {@code @RecordApplicationEvents} sees only the test's own thread. Close it after the test.
 */
public final class PublishedEvents implements ApplicationListener<ApplicationEvent>, AutoCloseable {

    private final ApplicationEventMulticaster multicaster;
    private final List<Object> seen = new CopyOnWriteArrayList<>();

    private PublishedEvents(ApplicationEventMulticaster multicaster) {
        this.multicaster = multicaster;
    }

    public static PublishedEvents recordIn(ApplicationContext context) {
        ApplicationEventMulticaster multicaster = context.getBean(
                AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME, ApplicationEventMulticaster.class);
        PublishedEvents events = new PublishedEvents(multicaster);
        multicaster.addApplicationListener(events);
        return events;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        seen.add(event instanceof PayloadApplicationEvent<?> payload ? payload.getPayload() : event);
    }

    /** The events of this type, in the order published. */
    public <T> List<T> of(Class<T> type) {
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        multicaster.removeApplicationListener(this);
    }
}
