package dev.dunning.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the Spring beans that collection plans may call from BPMN expressions, under the given
 * name ({@code ${plan.sendNotice(execution, 'first-reminder')}}). Deploying a plan is deploying
 * code, so nothing else in the application is reachable from a diagram.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ExposedToPlans {

    /** The name a plan uses for the bean. */
    String value();
}
