package eu.efgs.gateway.batching;

import eu.efgs.gateway.platform.database.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs batching on {@code efgs.batching.interval}; overlapping runs on one instance are skipped. */
@ApplicationScoped
public class BatchingJob {

    @Inject
    ScheduledWork work;

    @Inject
    BatchingService batching;

    // No default here: BatchingConfig's is the only one, and it validates the interval at start-up.
    @Scheduled(every = "${efgs.batching.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        work.run("Batching", batching::run);
    }
}
