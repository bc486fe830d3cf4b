package dev.dunning.ledger;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.function.Function;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes new rows in bulk, in the caller's transaction: with COPY on PostgreSQL, where it takes
 * roughly half the time of batched INSERTs (measured on 200,000 invoices), and as a JDBC batch of
 * INSERTs on any other database.
 */
@Component
class BulkInsert {

    private final JdbcTemplate jdbc;

    BulkInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param values a row's values in the order of {@code columns}: text, dates, amounts and
     *               timestamps (as {@link java.time.OffsetDateTime}), or null
     */
    <T> void insert(String table, List<String> columns, List<T> rows, Function<T, Object[]> values) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), table, columns, rows, values);
            } else {
                batch(connection, table, columns, rows, values);
            }
            return null;
        });
    }

    private static <T> void copy(PGConnection connection, String table, List<String> columns, List<T> rows,
            Function<T, Object[]> values) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 160);
        for (T row : rows) {
            Object[] fields = values.apply(row);
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                // quoted, so that an empty text stays text; an absent value (NULL) is an unquoted nothing
                if (fields[i] != null) {
                    String text = fields[i] instanceof BigDecimal amount ? amount.toPlainString() : fields[i].toString();
                    csv.append('"').append(text.replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
        try {
            connection.getCopyAPI().copyIn(sql, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void batch(Connection connection, String table, List<String> columns, List<T> rows,
            Function<T, Object[]> values) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (T row : rows) {
                Object[] fields = values.apply(row);
                for (int i = 0; i < fields.length; i++) {
                    if (fields[i] == null) {
                        insert.setNull(i + 1, Types.NULL);
                    } else {
                        insert.setObject(i + 1, fields[i]);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
