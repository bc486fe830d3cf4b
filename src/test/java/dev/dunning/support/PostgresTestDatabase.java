package dev.dunning.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Creates an empty database per test context on the test PostgreSQL server and points the context at it. */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static String server() {
        String server = System.getenv("DUNNING_TEST_PG");
        return server == null || server.isBlank() ? "127.0.0.1:5432" : server;
    }

    public static String user() {
        String user = System.getenv("DUNNING_TEST_PG_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    public static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + server() + "/postgres", user(), "");
    }

    /** A new empty database; it is dropped when the JVM exits. */
    public static String createDatabase() {
        return createDatabase(() -> { });
    }

    /** A new empty database; it is dropped when the JVM exits, after {@code beforeDrop} has run. */
    private static String createDatabase(Runnable beforeDrop) {
        String name = "dunning_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server() + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            beforeDrop.run();
            try (Connection admin = admin(); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // the server went away first; nothing to clean
            }
        }));
        return "jdbc:postgresql://" + server() + "/" + name;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // Shutdown hooks run concurrently: close the application (and its engine's job threads) before
        // its database goes, or they spin on dead connections and the JVM outlives surefire's exit timeout.
        // close() waits for a close already under way in Spring's own hook.
        TestPropertyValues.of(
                "spring.datasource.url=" + createDatabase(context::close),
                "spring.datasource.username=" + user(),
                "spring.datasource.password=").applyTo(context.getEnvironment());
    }
}
