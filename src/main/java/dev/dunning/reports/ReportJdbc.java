package dev.dunning.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dunning.clock.BusinessClock;

/**
 * The reports' database access: a cursor read with a fetch size (PostgreSQL streams it inside the read-only
 * transaction of {@link Reports}), never a list of all rows; and the business day's bounds as instants.
 */
@Component
class ReportJdbc {

    static final int FETCH_SIZE = 500;

    private final NamedParameterJdbcTemplate streaming;
    private final BusinessClock clock;

    ReportJdbc(DataSource dataSource, BusinessClock clock) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
        this.clock = clock;
    }

    void each(String sql, Map<String, Object> params, RowCallbackHandler row) {
        streaming.query(sql, params, row);
    }

    LocalDate today() {
        return clock.today();
    }

    /** The first instant of a business day, in the company's zone, as the timestamps are compared. */
    OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The business day of a stored moment. */
    LocalDate dayOf(OffsetDateTime at) {
        return at.toInstant().atZone(clock.getZone()).toLocalDate();
    }

    static BigDecimal amount(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, RoundingMode.HALF_UP);
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    /** {@code part / whole × factor} with two decimals, or null when the whole is zero (undefined, not 0 %). */
    static BigDecimal ratio(BigDecimal part, BigDecimal whole, BigDecimal factor) {
        if (whole.signum() == 0) {
            return null;
        }
        return part.multiply(factor).divide(whole, 2, RoundingMode.HALF_UP);
    }

    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return ratio(part, whole, BigDecimal.valueOf(100));
    }
}
