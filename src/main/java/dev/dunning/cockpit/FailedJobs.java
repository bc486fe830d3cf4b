package dev.dunning.cockpit;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dunning.timeline.Timeline;

/**
 * The engine's jobs that failed for good (Flowable's dead letters: a plan step that threw on every retry), with
 * the case and customer they belong to, and their retry: the job goes back to the executor with fresh retries, and
 * the retry is written on the case's timeline.
 */
@Service
public class FailedJobs {

    private static final Logger log = LoggerFactory.getLogger(FailedJobs.class);
    public static final int DEFAULT_RETRIES = 3;
    public static final int MAX_RETRIES = 10;

    private final JdbcClient jdbc;
    private final ManagementService management;
    private final Timeline timeline;

    FailedJobs(JdbcClient jdbc, ManagementService management, Timeline timeline) {
        this.jdbc = jdbc;
        this.management = management;
        this.timeline = timeline;
    }

    /**
     * One failed job. {@code caseId}, {@code customerId} and {@code customerName} are null for a process without a
     * case (an upcoming-payment plan); {@code message} is the exception's message as the engine kept it (often
     * only "error while evaluating expression ..."), {@code cause} the innermost cause from the stack trace, which
     * says what went wrong.
     */
    public record FailedJob(String jobId, String processInstanceId, String planKey, Integer planVersion,
            String activityId, String activityName, String message, String cause, Instant failedAt, String caseId,
            String customerId, String customerName) {
    }

    /** Longer causes are cut: the stack trace on demand has all of it. */
    static final int MAX_CAUSE = 300;

    private static final String SELECT = """
            SELECT j.ID_, j.PROCESS_INSTANCE_ID_, d.KEY_, d.VERSION_, j.ELEMENT_ID_, j.ELEMENT_NAME_, j.EXCEPTION_MSG_,
                   j.CREATE_TIME_, c.case_id, c.customer_id, cu.name, b.BYTES_
              FROM ACT_RU_DEADLETTER_JOB j
              LEFT JOIN ACT_GE_BYTEARRAY b ON b.ID_ = j.EXCEPTION_STACK_ID_
              LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = j.PROC_DEF_ID_
              LEFT JOIN collection_case c ON c.process_instance_id = j.PROCESS_INSTANCE_ID_
              LEFT JOIN customer cu ON cu.customer_id = c.customer_id
            """;

    /** The newest failed jobs first, at most {@code limit}. */
    public List<FailedJob> list(int limit) {
        return jdbc.sql(SELECT + " ORDER BY j.CREATE_TIME_ DESC, j.ID_ LIMIT :limit")
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query(FailedJobs::map).list();
    }

    /** The failed jobs of one process instance (a case's), newest first. */
    public List<FailedJob> ofProcess(String processInstanceId) {
        return jdbc.sql(SELECT + " WHERE j.PROCESS_INSTANCE_ID_ = :process ORDER BY j.CREATE_TIME_ DESC, j.ID_")
                .param("process", processInstanceId)
                .query(FailedJobs::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM ACT_RU_DEADLETTER_JOB").query(Long.class).single();
    }

    public FailedJob get(String jobId) {
        return jdbc.sql(SELECT + " WHERE j.ID_ = :job")
                .param("job", jobId)
                .query(FailedJobs::map).optional()
                .orElseThrow(() -> new NoSuchElementException("no failed job '" + jobId + "'"));
    }

    /** The stack trace of the job's last failure. */
    public String stackTrace(String jobId) {
        get(jobId);
        String trace = management.getDeadLetterJobExceptionStacktrace(jobId);
        return trace == null ? "" : trace;
    }

    /**
     * Gives the job back to the engine's executor with {@code retries} attempts (1 to {@value #MAX_RETRIES}); it
     * runs shortly after on whichever node takes it. Written on the timeline of the job's case (or customer).
     */
    @Transactional
    public FailedJob retry(String jobId, int retries, String actor) {
        if (retries < 1 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries: from 1 to " + MAX_RETRIES + ", not " + retries);
        }
        FailedJob failed = get(jobId);
        Job moved = management.moveDeadLetterJobToExecutableJob(jobId, retries);
        timeline.record(failed.customerId(), failed.caseId(), "failed-job-retried", actor,
                "failed job " + jobId + " at " + (failed.activityId() == null ? "?" : failed.activityId())
                        + " retried (" + retries + (retries == 1 ? " attempt" : " attempts") + ")");
        log.info("Failed job {} of process {} retried by {} as job {}", jobId, failed.processInstanceId(), actor,
                moved.getId());
        return failed;
    }

    private static FailedJob map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.sql.Timestamp created = rs.getTimestamp(8);
        int version = rs.getInt(4);
        Integer planVersion = rs.wasNull() ? null : version;
        String message = rs.getString(7);
        return new FailedJob(rs.getString(1), rs.getString(2), rs.getString(3), planVersion,
                rs.getString(5), rs.getString(6), message, rootCause(rs.getBytes(12), message),
                created == null ? null : created.toInstant(), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    /** The last "Caused by:" of a stack trace (the innermost cause), else its first line, else {@code fallback}. */
    static String rootCause(byte[] stackTrace, String fallback) {
        if (stackTrace == null || stackTrace.length == 0) {
            return fallback;
        }
        String cause = null;
        String first = null;
        for (String line : new String(stackTrace, java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
            if (first == null && !line.isBlank()) {
                first = line.strip();
            }
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length()).strip();
            }
        }
        String found = cause != null ? cause : first != null ? first : fallback;
        return found != null && found.length() > MAX_CAUSE ? found.substring(0, MAX_CAUSE - 1) + "…" : found;
    }
}
