package dev.dunning.plans;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of plan deployments: who deployed each version, when, from which file (table plan_deployment). */
@Repository
class PlanDeployments {

    record Recorded(String deploymentId, String planKey, int version, String processDefinitionId, String deployedBy,
            Instant deployedAt, String fileName, String sha256) {
    }

    private final JdbcClient jdbc;

    PlanDeployments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Recorded deployment) {
        jdbc.sql("""
                INSERT INTO plan_deployment (deployment_id, plan_key, plan_version, process_definition_id, deployed_by,
                                             deployed_at, file_name, sha256)
                VALUES (:deployment, :key, :version, :definition, :by, :at, :file, :sha)""")
                .param("deployment", deployment.deploymentId())
                .param("key", deployment.planKey())
                .param("version", deployment.version())
                .param("definition", deployment.processDefinitionId())
                .param("by", deployment.deployedBy())
                .param("at", OffsetDateTime.ofInstant(deployment.deployedAt(), ZoneOffset.UTC))
                .param("file", deployment.fileName())
                .param("sha", deployment.sha256())
                .update();
    }

    Optional<Recorded> byDeployment(String deploymentId) {
        return jdbc.sql("SELECT * FROM plan_deployment WHERE deployment_id = :deployment")
                .param("deployment", deploymentId).query(PlanDeployments::row).optional();
    }

    List<Recorded> ofPlan(String planKey) {
        return jdbc.sql("SELECT * FROM plan_deployment WHERE plan_key = :key ORDER BY plan_version DESC")
                .param("key", planKey).query(PlanDeployments::row).list();
    }

    private static Recorded row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Recorded(rs.getString("deployment_id"), rs.getString("plan_key"), rs.getInt("plan_version"),
                rs.getString("process_definition_id"), rs.getString("deployed_by"),
                rs.getObject("deployed_at", OffsetDateTime.class).toInstant(), rs.getString("file_name"),
                rs.getString("sha256").strip());
    }
}
