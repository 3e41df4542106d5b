package eu.efgs.gateway.callback;

import eu.efgs.gateway.platform.database.ScheduledWork;
import eu.efgs.gateway.trust.CertificateRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/** Runs this instance's callback sender on {@code efgs.callback.interval} and refreshes the callback metrics. */
@ApplicationScoped
public class CallbackJob {

    private static final Logger LOG = Logger.getLogger(CallbackJob.class);

    @Inject
    ScheduledWork work;

    @Inject
    CallbackOutbox outbox;

    @Inject
    CallbackSender sender;

    @Inject
    CertificateRegistry registry;

    @Inject
    CallbackConfig config;

    @Inject
    CallbackMetrics metrics;

    @Inject
    Clock clock;

    private volatile CallbackDispatcher dispatcher;

    void start(@Observes StartupEvent event) {
        dispatcher = dispatcher(instanceName() + "-" + UUID.randomUUID().toString().substring(0, 8));
        if (sender.clientKey().isEmpty()) {
            LOG.warnf("Callbacks are not sent: no TLS configuration quarkus.tls.%s with the gateway's callback "
                    + "client certificate. Tasks are kept and shown as pending.", config.tlsConfiguration());
        }
        if (config.allowPrivateAddresses()) {
            LOG.warn("efgs.callback.allow-private-addresses is on: callbacks may reach loopback and private "
                    + "networks. Test environments only.");
        }
    }

    /** A sender named {@code owner}, sharing this instance's parts (tests run several against one database). */
    public CallbackDispatcher dispatcher(String owner) {
        CallbackUrlPolicy policy = CallbackUrlPolicy.of(config);
        Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        return new CallbackDispatcher(owner, new CallbackDispatcher.Parts(outbox, sender, registry, policy, backoff,
                config, clock));
    }

    // No default here: CallbackConfig's is the only one, and it validates the interval at start-up.
    @Scheduled(every = "${efgs.callback.interval}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        if (sender.clientKey().isPresent()) {
            work.run("Callback run", dispatcher::run);
        }
        work.run("Callback metrics", metrics::refresh);
    }

    private static String instanceName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 40 ? name.substring(0, 40) : name;
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }
}
