package dev.dunning.simulation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.dunning.engine.PlanSandbox;

/**
 * A Flowable engine of its own for one simulation: an in-memory H2 database that disappears when the engine is
 * closed, no history, no job executor (the simulation runs each due job itself, in simulated time), and the same
 * expression sandbox as the real engine, with {@code plan} being the simulation's stand-in. It shares nothing with
 * the application's engine: not its database, not its clock, not its beans.
 */
final class SandboxEngine implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final ProcessEngine engine;

    SandboxEngine(SimulatedClock clock, Object plan, List<FlowableEventListener> listeners) {
        String name = "sim-" + UUID.randomUUID();
        HikariConfig pool = new HikariConfig();
        // No DB_CLOSE_DELAY: the database lives while the pool holds a connection and is gone when it closes.
        pool.setJdbcUrl("jdbc:h2:mem:" + name);
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setMaximumPoolSize(3);
        pool.setMinimumIdle(1);
        pool.setPoolName(name);
        dataSource = new HikariDataSource(pool);
        try {
            StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
            configuration.setEngineName(name);
            configuration.setDataSource(dataSource);
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            configuration.setAsyncExecutorActivate(false);
            configuration.setAsyncHistoryEnabled(false);
            configuration.setHistoryLevel(HistoryLevel.NONE);
            // Only the process engine: no IDM, event registry or other engines found on the class path.
            configuration.setEnableConfiguratorServiceLoader(false);
            configuration.setDisableIdmEngine(true);
            configuration.setDisableEventRegistry(true);
            configuration.setIdBlockSize(10_000);
            // Fewer queries per step: the execution tree in one fetch, counts kept instead of counted.
            configuration.setEnableEagerExecutionTreeFetching(true);
            configuration.setEnableExecutionRelationshipCounts(true);
            configuration.setEnableTaskRelationshipCounts(true);
            configuration.setEnableHistoricTaskLogging(false);
            configuration.setEnableEntityLinks(false);
            configuration.setClock(clock);
            configuration.setBeans(Map.of("plan", plan));
            configuration.setExpressionManager(PlanSandbox.expressions(Map.of("plan", plan)));
            configuration.setEventListeners(List.copyOf(listeners));
            engine = configuration.buildProcessEngine();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    ProcessEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            dataSource.close();
        }
    }
}
