package eu.efgs.gateway.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Runs retention daily on {@code efgs.retention.cron}, in UTC (the original used the JVM's zone). */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    RetentionService retention;

    @Scheduled(cron = "${efgs.retention.cron:0 10 0 * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            retention.run();
        } catch (RuntimeException e) {
            LOG.error("Retention run failed; the next run finishes it", e);
        }
    }
}
