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

    @Scheduled(every = "${efgs.batching.interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        work.run("Batching", batching::run);
    }
}
