package eu.efgs.gateway.platform.database;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the database a one-row question every {@link DatabaseConfig#probeInterval()} on a connection of its own, with
 * connect and read timeouts of {@link DatabaseConfig#probeTimeout()}. Its own connection keeps the answer honest
 * when every pooled connection hangs on a frozen server; readiness reads the result and never waits on the
 * database itself. The question reads a table, because a Galera node that has lost its cluster still answers
 * {@code SELECT 1} but refuses every table (error 1047). The URL may name several nodes (README "More than one
 * machine"): the driver then moves a failing connection to the next node, and the probe asks once more there.
 */
@ApplicationScoped
public class DatabaseProbe {

    @Inject
    DatabaseConfig config;

    @Inject
    DatabaseStatus status;

    @Inject
    Clock clock;

    @Inject
    org.eclipse.microprofile.config.Config settings;

    /** Probe failures in a row before the database counts as unreachable (one slow answer is not an outage). */
    private static final int FAILURES_BEFORE_UNREACHABLE = 2;

    private ScheduledExecutorService executor;
    private int consecutiveFailures;
    private OwnConnection connection;
    private volatile Instant lastCompleted = Instant.EPOCH;

    void start(@Observes @Priority(DatabaseMigration.PRIORITY + 1) StartupEvent event) {
        connection = new OwnConnection(settings, config.probeTimeout());
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "efgs-database-probe");
            thread.setDaemon(true);
            return thread;
        });
        probe(); // the migration just succeeded: start reachable, not "unknown"
        status.onOutage(this::probeSoon);
        executor.scheduleWithFixedDelay(this::probe, config.probeInterval().toMillis(),
                config.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
        connection.close();
    }

    /**
     * True when the last probe succeeded and is recent: a probe stuck for longer than its own timeout allows is a
     * database that does not answer.
     */
    public boolean fresh() {
        Duration allowed = config.probeInterval().plus(config.probeTimeout().multipliedBy(3));
        return status.reachable() && lastCompleted.plus(allowed).isAfter(clock.instant());
    }

    /** A request saw the database fail: check now instead of at the next interval (the outage may be one node). */
    private void probeSoon() {
        try {
            executor.execute(this::probe);
        } catch (RuntimeException e) {
            // shutting down: nothing to check any more
        }
    }

    synchronized void probe() {
        try {
            ask();
            consecutiveFailures = 0;
            status.reachableNow();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            if (++consecutiveFailures >= FAILURES_BEFORE_UNREACHABLE) {
                status.unreachableNow(e);
            }
        } finally {
            lastCompleted = clock.instant();
        }
    }

    private void ask() throws SQLException {
        try {
            askOnce();
        } catch (SQLException | RuntimeException first) {
            // a connection that is still open after a failure was moved to another node by the driver: ask there
            if (!connection.isOpen()) {
                throw first;
            }
            try {
                askOnce();
            } catch (SQLException | RuntimeException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private void askOnce() throws SQLException {
        try (Statement statement = connection.get().createStatement();
             var row = statement.executeQuery("SELECT 1 FROM flyway_schema_history LIMIT 1")) {
            row.next();
        }
    }
}
