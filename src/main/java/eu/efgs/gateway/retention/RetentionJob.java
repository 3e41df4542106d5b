package eu.efgs.gateway.retention;

import eu.efgs.gateway.platform.database.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs retention daily on {@code efgs.retention.cron}, in UTC (the original used the JVM's zone). */
@ApplicationScoped
public class RetentionJob {

    @Inject
    ScheduledWork work;

    @Inject
    RetentionService retention;

    // No default here: RetentionConfig's is the only one; the scheduler refuses a malformed cron at start-up.
    @Scheduled(cron = "${efgs.retention.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        work.run("Retention", retention::run);
    }
}
