package eu.efgs.gateway.batching;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Runs batching on {@code efgs.batching.interval}; overlapping runs on one instance are skipped. */
@ApplicationScoped
public class BatchingJob {

    private static final Logger LOG = Logger.getLogger(BatchingJob.class);

    @Inject
    BatchingService batching;

    @Scheduled(every = "${efgs.batching.interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            batching.run();
        } catch (RuntimeException e) {
            LOG.error("Batching run failed; the next run retries", e);
        }
    }
}
