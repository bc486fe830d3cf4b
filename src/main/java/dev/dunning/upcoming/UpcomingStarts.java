package dev.dunning.upcoming;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.AmountDue;
import dev.dunning.plans.UpcomingPlanSettings;

/**
 * Starts upcoming-payment plans in batches, one transaction per batch: the processes and their rows in
 * {@code upcoming_payment} commit together. The row's key (customer, due date) lets only one start
 * through: a batch that meets rows another node or run committed meanwhile is rolled back and run again
 * without them.
 */
@Component
class UpcomingStarts {

    private static final Logger log = LoggerFactory.getLogger(UpcomingStarts.class);
    static final int BATCH = 100;
    private static final int ATTEMPTS = 3;

    /** One reminder process to start. */
    record Start(AmountDue due, UpcomingPlanSettings plan) {

        /** Says whose payment and which date, for people reading the engine's tables. */
        String businessKey() {
            return UpcomingPayments.BUSINESS_KEY_PREFIX + due.customerId() + ":" + due.dueOn();
        }
    }

    private final RuntimeService runtime;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BusinessClock clock;

    UpcomingStarts(RuntimeService runtime, NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            BusinessClock clock) {
        this.runtime = runtime;
        this.jdbc = jdbc;
        // A batch commits on its own, also when the caller streams candidates inside a read transaction.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Starts what is not started yet; returns how many were started. */
    int start(List<Start> batch) {
        List<Start> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            try {
                List<Start> toStart = pending;
                Integer started = transactions.execute(status -> startBatch(toStart));
                return started == null ? 0 : started;
            } catch (DuplicateKeyException startedElsewhere) {
                if (attempt == ATTEMPTS) {
                    throw startedElsewhere;
                }
                pending = withoutStarted(pending);
                log.debug("{} of a batch of reminders were started elsewhere meanwhile", batch.size() - pending.size());
            }
        }
        return 0;
    }

    private int startBatch(List<Start> batch) {
        var startedAt = clock.now().atOffset(ZoneOffset.UTC);
        List<SqlParameterSource> rows = new ArrayList<>(batch.size());
        for (Start start : batch) {
            ProcessInstance instance = runtime.createProcessInstanceBuilder()
                    .processDefinitionId(start.plan().processDefinitionId())
                    .businessKey(start.businessKey())
                    .variable(UpcomingPayments.CUSTOMER_ID, start.due().customerId())
                    .variable(UpcomingPayments.DUE_ON, start.due().dueOn())
                    .start();
            rows.add(new MapSqlParameterSource()
                    .addValue("customer", start.due().customerId())
                    .addValue("dueOn", start.due().dueOn())
                    .addValue("plan", start.plan().key())
                    .addValue("version", start.plan().version())
                    .addValue("process", instance.getId())
                    .addValue("startedAt", startedAt));
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO upcoming_payment (customer_id, due_on, plan_key, plan_version, process_instance_id, started_at)
                    VALUES (:customer, :dueOn, :plan, :version, :process, :startedAt)""",
                    rows.toArray(SqlParameterSource[]::new));
        }
        return rows.size();
    }

    private List<Start> withoutStarted(List<Start> batch) {
        Set<String> customers = new HashSet<>();
        batch.forEach(start -> customers.add(start.due().customerId()));
        Set<String> started = new HashSet<>(jdbc.query(
                "SELECT customer_id, due_on FROM upcoming_payment WHERE customer_id IN (:customers)",
                new MapSqlParameterSource("customers", customers),
                (rs, row) -> rs.getString("customer_id") + "|" + rs.getObject("due_on", LocalDate.class)));
        return batch.stream()
                .filter(start -> !started.contains(start.due().customerId() + "|" + start.due().dueOn()))
                .toList();
    }
}
