package eu.efgs.gateway.download;

import eu.efgs.gateway.platform.database.ChangeWatch;
import eu.efgs.gateway.platform.database.DatabaseMigration;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads new batches into memory as soon as any instance makes them (and recent ones at start-up), in the
 * background, so that their first download is not the one that waits for the database.
 */
@ApplicationScoped
public class BatchPrefetch {

    private static final Logger LOG = Logger.getLogger(BatchPrefetch.class);

    @Inject
    ChangeWatch watch;

    @Inject
    BatchRepository batches;

    private ExecutorService executor;

    void start(@Observes @Priority(DatabaseMigration.PRIORITY + 3) StartupEvent event) {
        // one thread, at most one run waiting: changes during a run are covered by the run after it
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1), runnable -> {
            Thread thread = new Thread(runnable, "efgs-batch-prefetch");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        watch.onChange(ChangeWatch.BATCHES, () -> executor.execute(this::prefetch));
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void prefetch() {
        try {
            batches.prefetch();
        } catch (RuntimeException e) {
            LOG.debugf("Prefetch of new batches failed (they are read on first download): %s", e.getMessage());
        }
    }
}
