package dev.dunning.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a fresh PostgreSQL database of its own ({@code dunning_it_*}, dropped when
 * the JVM ends), in simulated time. The server is {@code DUNNING_TEST_PG} (default
 * {@code 127.0.0.1:5432}, user {@code postgres}). Without a server these tests are skipped on a
 * developer's machine and fail in CI ({@code CI=true}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postgres")
@ExtendWith(PostgresAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "postgres"})
@ContextConfiguration(initializers = PostgresTestDatabase.class)
public @interface PostgresTest {
}
