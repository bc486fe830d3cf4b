package dev.dunning.support;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs PostgreSQL tests when a server answers. When none does, a developer's run skips them with a
 * note, and a CI run ({@code CI=true}, passed on as {@code dunning.test.require-postgres}) fails,
 * so a missing database can never turn a red build green.
 */
public class PostgresAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try (Connection ignored = PostgresTestDatabase.admin()) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers on " + PostgresTestDatabase.server());
        } catch (SQLException e) {
            if (required()) {
                throw new IllegalStateException("PostgreSQL tests are required (CI=true) but "
                        + PostgresTestDatabase.server() + " does not answer: " + e.getMessage(), e);
            }
            return ConditionEvaluationResult.disabled("no PostgreSQL on " + PostgresTestDatabase.server()
                    + "; start one or set DUNNING_TEST_PG (CI fails here instead of skipping)");
        }
    }

    private static boolean required() {
        return "true".equalsIgnoreCase(System.getProperty("dunning.test.require-postgres"))
                || "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
