package dev.dunning.distribution;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code user_absence} table: one current absence per person. */
@Component
class Absences {

    private final JdbcClient jdbc;

    Absences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void put(Absence absence) {
        remove(absence.username());
        jdbc.sql("""
                INSERT INTO user_absence (username, away_from, away_until, reason, marked_by, marked_at)
                VALUES (:user, :from, :until, :reason, :by, :at)""")
                .param("user", absence.username()).param("from", absence.from()).param("until", absence.until())
                .param("reason", absence.reason()).param("by", absence.markedBy())
                .param("at", absence.markedAt().atOffset(ZoneOffset.UTC)).update();
    }

    boolean remove(String username) {
        return jdbc.sql("DELETE FROM user_absence WHERE username = :user").param("user", username).update() > 0;
    }

    Optional<Absence> of(String username) {
        return all().stream().filter(absence -> absence.username().equals(username)).findFirst();
    }

    List<Absence> all() {
        return jdbc.sql("SELECT username, away_from, away_until, reason, marked_by, marked_at FROM user_absence ORDER BY username")
                .query((rs, row) -> new Absence(rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The people away on {@code day}. */
    List<String> awayOn(LocalDate day) {
        return jdbc.sql("""
                SELECT username FROM user_absence
                WHERE away_from <= :day AND (away_until IS NULL OR away_until >= :day) ORDER BY username""")
                .param("day", day).query(String.class).list();
    }

}
