package dev.dunning.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Which database Dunning runs on, for the few statements PostgreSQL and H2 write differently. */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }
}
