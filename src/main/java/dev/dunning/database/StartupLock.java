package dev.dunning.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time start: create or upgrade the engine's tables, deploy the plan files, seed the groups and
 * the first user. Nodes started together on a fresh database would otherwise each create the engine's tables, each
 * deploy version 1 of every plan and each insert the first admin.
 * <p>
 * Flowable's own schema lock cannot do this: it lives in a row of ACT_GE_PROPERTY, a table that a fresh database
 * does not have yet, so every node waits for a lock that nobody can take. On PostgreSQL this is a session advisory
 * lock instead, held on a connection of its own from the moment the engine is configured until the application is
 * ready; the database drops it when that connection goes, so a node killed while starting cannot leave the others
 * waiting. H2 is the single embedded node's database and needs none.
 */
@Component
public class StartupLock {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    /** Any fixed number; advisory locks are the application's own namespace, one per database. */
    private static final long KEY = 0x44_75_6E_6E_69_6E_67L; // "Dunning"

    private final DataSource dataSource;
    private final boolean postgres;
    private Connection holder;
    private boolean started;

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * Waits until no other node is starting, then keeps them waiting until this one is ready. Called by every part of
     * start-up that must not run on two nodes at once; the first call takes the lock, later ones find it held.
     */
    public synchronized void holdUntilStarted(String what) {
        if (!postgres || holder != null || started) {
            return;
        }
        long waitingSince = System.nanoTime();
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement take = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                connection.setAutoCommit(true);
                take.setLong(1, KEY);
                take.execute();
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            holder = connection;
            log.info("Start-up lock taken for {} after {} ms", what, (System.nanoTime() - waitingSince) / 1_000_000);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the start-up lock for " + what + ": " + e.getMessage(), e);
        }
    }

    @EventListener({ApplicationReadyEvent.class, ContextClosedEvent.class})
    public synchronized void release() {
        started = true;
        if (holder == null) {
            return;
        }
        try (Connection connection = holder) {
            try (PreparedStatement release = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                release.setLong(1, KEY);
                release.execute();
            }
            log.info("Start-up lock released");
        } catch (SQLException e) {
            // Closing the connection ends the session, which drops the lock all the same.
            log.warn("Start-up lock released by closing its connection: {}", e.getMessage());
        } finally {
            holder = null;
        }
    }
}
