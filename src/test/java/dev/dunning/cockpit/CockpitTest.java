package dev.dunning.cockpit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.support.DunningTest;

/**
 * {@link DunningTest} plus a plan step that fails on demand ({@link FlakyBilling}, {@code billing.check(execution)}).
 * It has its own in-memory database: another context's engine on the same tables would run the failing jobs
 * without that step. The cockpit's tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DunningTest
@Import(FlakyBilling.class)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:dunning-cockpit;DB_CLOSE_DELAY=-1")
@interface CockpitTest {
}
