package dev.dunning.ledger;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Looks rows up by a batch of ids in one query. The ids go as one array parameter
 * ({@code WHERE id = ANY (?)}) rather than an {@code IN} list of thousands of placeholders, so the
 * statement text is the same for every batch and PostgreSQL prepares and plans it once.
 */
final class IdLookup {

    private IdLookup() {
    }

    /** Runs {@code sql}, whose one parameter is the array of {@code ids}. */
    static <T> List<T> query(JdbcTemplate jdbc, String sql, Collection<String> ids, RowMapper<T> rows) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return statement;
        }, rows);
    }
}
