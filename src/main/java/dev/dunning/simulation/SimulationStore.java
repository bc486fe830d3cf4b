package dev.dunning.simulation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The runs in {@code plan_simulation}, so that whichever node a page polls can say how a run is doing. A run
 * whose node stopped beating for {@link #STALE} is reported as failed.
 */
@Component
class SimulationStore {

    static final Duration STALE = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    /** Heartbeats are wall time: business time may stand still (simulated mode) or jump while a run goes on. */
    private final Clock wallClock = Clock.systemUTC();

    SimulationStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(String id, String planKey, Integer version, String fileName, String requestedBy, Instant requestedAt,
            SimulationRequest request) {
        jdbc.sql("""
                INSERT INTO plan_simulation (simulation_id, plan_key, plan_version, file_name, status, progress,
                                             requested_by, requested_at, heartbeat_at, request_json)
                VALUES (:id, :plan, :version, :file, 'queued', 0, :by, :at, :beat, :request)""")
                .param("id", id).param("plan", planKey).param("version", version).param("file", fileName)
                .param("by", requestedBy).param("at", requestedAt.atOffset(ZoneOffset.UTC))
                .param("beat", OffsetDateTime.now(wallClock))
                .param("request", write(new SimulationRequest(request.version(), null, request.sample(),
                        request.behaviour(), request.days(), request.seed(), request.people())))
                .update();
    }

    void progress(String id, String status, int percent) {
        jdbc.sql("UPDATE plan_simulation SET status = :status, progress = :progress, heartbeat_at = :beat "
                + "WHERE simulation_id = :id")
                .param("status", status).param("progress", percent).param("beat", OffsetDateTime.now(wallClock))
                .param("id", id).update();
    }

    void finish(String id, SimulationResult result, Instant at) {
        jdbc.sql("UPDATE plan_simulation SET status = 'done', progress = 100, heartbeat_at = :beat, finished_at = :at, "
                + "result_json = :result WHERE simulation_id = :id")
                .param("beat", OffsetDateTime.now(wallClock)).param("at", at.atOffset(ZoneOffset.UTC))
                .param("result", write(result)).param("id", id).update();
    }

    void fail(String id, String error, Instant at) {
        jdbc.sql("UPDATE plan_simulation SET status = 'failed', heartbeat_at = :beat, finished_at = :at, error = :error "
                + "WHERE simulation_id = :id")
                .param("beat", OffsetDateTime.now(wallClock)).param("at", at.atOffset(ZoneOffset.UTC))
                .param("error", error.length() > 2000 ? error.substring(0, 1999) + "…" : error).param("id", id).update();
    }

    Optional<SimulationRun> find(String planKey, String id) {
        return jdbc.sql("SELECT * FROM plan_simulation WHERE simulation_id = :id AND plan_key = :plan")
                .param("id", id).param("plan", planKey).query((rs, row) -> map(rs, true)).optional();
    }

    /** The plan's latest runs, newest first, without their results. */
    List<SimulationRun> recent(String planKey, int limit) {
        return jdbc.sql("""
                SELECT simulation_id, plan_key, plan_version, file_name, status, progress, requested_by, requested_at,
                       heartbeat_at, finished_at, error, request_json, NULL AS result_json
                FROM plan_simulation WHERE plan_key = :plan ORDER BY requested_at DESC, simulation_id""")
                .param("plan", planKey).query((rs, row) -> map(rs, false)).list().stream().limit(limit).toList();
    }

    private SimulationRun map(ResultSet rs, boolean withResult) throws SQLException {
        String status = rs.getString("status");
        String error = rs.getString("error");
        Instant beat = rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant();
        if (!SimulationRun.DONE.equals(status) && !SimulationRun.FAILED.equals(status)
                && beat.plus(STALE).isBefore(wallClock.instant())) {
            status = SimulationRun.FAILED;
            error = "the node running this simulation stopped (no sign of life since " + beat + "); start it again";
        }
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        String result = withResult ? rs.getString("result_json") : null;
        return new SimulationRun(rs.getString("simulation_id"), rs.getString("plan_key"),
                (Integer) rs.getObject("plan_version"), rs.getString("file_name"), status, rs.getInt("progress"),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), error,
                read(rs.getString("request_json"), SimulationRequest.class),
                result == null ? null : read(result, SimulationResult.class));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a simulation could not be written as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored simulation could not be read: " + e.getOriginalMessage(), e);
        }
    }
}
