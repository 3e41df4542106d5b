package eu.efgs.gateway.platform.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Runs a scheduled job's work: not at all while the database is known to be unreachable (the outage is logged
 * once, by {@link DatabaseStatus}), and a failure that only says the database went away is no ERROR.
 */
@ApplicationScoped
public class ScheduledWork {

    private static final Logger LOG = Logger.getLogger(ScheduledWork.class);

    @Inject
    DatabaseStatus database;

    public void run(String name, Runnable work) {
        if (!database.reachable()) {
            LOG.debugf("%s skipped: the database is unreachable", name);
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!database.absorb(e)) {
                LOG.errorf(e, "%s failed; the next run retries", name);
            }
        }
    }
}
