package dev.dunning.cases;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.PlanSettings;

/**
 * Opens cases: each is a process instance of the customer's plan whose business key is the case id.
 * Cases are opened in batches, one transaction per batch, because a commit costs more than a start; the starts
 * of a batch share one engine command, so the engine writes the batch's executions, jobs and history in a few
 * multi-row inserts at the end instead of a dozen statements per start.
 * The only process variable is the customer id; everything else is read from the ledger when a
 * step needs it, so later notices show today's amounts.
 */
@Component
class CaseOpening {

    private static final Logger log = LoggerFactory.getLogger(CaseOpening.class);
    static final int BATCH = 100;

    private final RuntimeService runtime;
    private final ManagementService management;
    private final PlanCatalog plans;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BusinessClock clock;
    private final CaseMetrics metrics;

    CaseOpening(RuntimeService runtime, ManagementService management, PlanCatalog plans, NamedParameterJdbcTemplate jdbc,
            org.springframework.transaction.PlatformTransactionManager transactionManager, BusinessClock clock,
            CaseMetrics metrics) {
        this.runtime = runtime;
        this.management = management;
        this.plans = plans;
        this.jdbc = jdbc;
        // A batch commits on its own, also when the caller streams candidates inside a read transaction.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Opens a case for each debt; returns how many were opened. */
    int open(List<DebtSummary> debts) {
        int opened = 0;
        Map<String, PlanSettings> planByKey = new HashMap<>();
        for (int from = 0; from < debts.size(); from += BATCH) {
            List<DebtSummary> batch = debts.subList(from, Math.min(debts.size(), from + BATCH));
            Integer count = transactions.execute(status -> openBatch(batch, planByKey));
            opened += count == null ? 0 : count;
        }
        return opened;
    }

    private int openBatch(List<DebtSummary> batch, Map<String, PlanSettings> planByKey) {
        Integer opened = management.executeCommand(commandContext -> startBatch(batch, planByKey));
        return opened == null ? 0 : opened;
    }

    private int startBatch(List<DebtSummary> batch, Map<String, PlanSettings> planByKey) {
        var openedAt = clock.now().atOffset(ZoneOffset.UTC);
        List<SqlParameterSource> rows = new ArrayList<>(batch.size());
        List<SqlParameterSource> events = new ArrayList<>(batch.size());
        Map<String, Integer> openedByPlan = new HashMap<>();
        for (DebtSummary debt : batch) {
            PlanSettings plan = planByKey.computeIfAbsent(debt.planKey(),
                    key -> plans.latest(key).orElse(null));
            if (plan == null) {
                log.warn("Customer {} is on plan '{}', which is not deployed; no case opened", debt.customerId(),
                        debt.planKey());
                continue;
            }
            String caseId = UUID.randomUUID().toString();
            var builder = runtime.createProcessInstanceBuilder()
                    .processDefinitionId(plan.processDefinitionId())
                    .businessKey(caseId)
                    .variable(PlanVariables.CUSTOMER_ID, debt.customerId());
            if (debt.provider() != null) {
                builder.variable(PlanVariables.PROVIDER, debt.provider());
            }
            ProcessInstance instance = builder.start();
            rows.add(new MapSqlParameterSource()
                    .addValue("id", caseId)
                    .addValue("customer", debt.customerId())
                    .addValue("activeKey", activeKey(debt.customerId(), debt.provider()))
                    .addValue("provider", debt.provider())
                    .addValue("plan", plan.key())
                    .addValue("version", plan.version())
                    .addValue("process", instance.getId())
                    .addValue("stage", plan.initialStage())
                    .addValue("openingDebt", debt.realDebt())
                    .addValue("openedAt", openedAt));
            openedByPlan.merge(plan.key(), 1, Integer::sum);
            events.add(new MapSqlParameterSource()
                    .addValue("customer", debt.customerId())
                    .addValue("case", caseId)
                    .addValue("at", openedAt)
                    .addValue("summary", "case opened on plan " + plan.key() + " v" + plan.version()
                            + (debt.provider() == null ? "" : " for provider " + debt.provider() + "'s part,")
                            + " for conditional debt " + debt.conditionalDebt().toPlainString()));
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO collection_case (case_id, customer_id, active_key, plan_key, plan_version,
                                                 process_instance_id, status, stage, opening_debt, opened_at, provider)
                    VALUES (:id, :customer, :activeKey, :plan, :version, :process, 'open', :stage, :openingDebt,
                            :openedAt, :provider)""",
                    rows.toArray(SqlParameterSource[]::new));
            jdbc.batchUpdate("""
                    INSERT INTO timeline_event (customer_id, case_id, occurred_at, kind, actor, summary)
                    VALUES (:customer, :case, :at, 'case-opened', 'system', :summary)""",
                    events.toArray(SqlParameterSource[]::new));
        }
        metrics.opened(openedByPlan);
        return rows.size();
    }

    /** One case in work per customer, or per customer and provider where providers are worked separately. */
    static String activeKey(String customerId, String provider) {
        return customerId + "|" + (provider == null ? "" : provider);
    }
}
