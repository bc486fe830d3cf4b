package dev.dunning.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads cases. Cases are opened by the daily evaluation and moved by the ledger and the plans. */
@Service
public class Cases {

    static final String COLUMNS = """
            case_id, customer_id, status, stage, plan_key, plan_version, process_instance_id, opened_at, ended_at,
            provider""";

    private final JdbcClient jdbc;

    Cases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CaseView get(String caseId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM collection_case WHERE case_id = :id")
                .param("id", caseId)
                .query(Cases::map).optional()
                .orElseThrow(() -> new NoSuchElementException("no case '" + caseId + "'"));
    }

    /** The customer's case in work (open or suspended), else the latest one. */
    public Optional<CaseView> currentOf(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM collection_case WHERE customer_id = :customer
                ORDER BY CASE WHEN active_key IS NULL THEN 1 ELSE 0 END, opened_at DESC""")
                .param("customer", customerId)
                .query(Cases::map).list().stream().findFirst();
    }

    /** Whether the customer has a case that is open (in work, not suspended), of any provider. */
    boolean hasOpenCase(String customerId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM collection_case
                WHERE customer_id = :customer AND active_key IS NOT NULL AND status = :open""")
                .param("customer", customerId)
                .param("open", CaseStatus.OPEN.code())
                .query(Integer.class).single() > 0;
    }

    public List<CaseView> of(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM collection_case WHERE customer_id = :customer ORDER BY opened_at")
                .param("customer", customerId)
                .query(Cases::map).list();
    }

    /** Cases newest first, optionally only those with a status and/or stage. */
    public List<CaseView> list(String status, String stage, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM collection_case
                WHERE (CAST(:status AS VARCHAR(16)) IS NULL OR status = :status)
                  AND (CAST(:stage AS VARCHAR(32)) IS NULL OR stage = :stage)
                ORDER BY opened_at DESC, case_id
                LIMIT :limit""")
                .param("status", status)
                .param("stage", stage)
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query(Cases::map).list();
    }

    static CaseView map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
        return new CaseView(rs.getString("case_id"), rs.getString("customer_id"), rs.getString("status"),
                rs.getString("stage"), rs.getString("plan_key"), rs.getInt("plan_version"),
                rs.getString("process_instance_id"), rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
                ended == null ? null : ended.toInstant(), rs.getString("provider"));
    }
}
