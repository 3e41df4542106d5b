package eu.efgs.gateway.upload;

import eu.efgs.gateway.platform.http.HttpEdgeConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sizes {@link UploadAdmission} from the connection pool unless configured: half the pool (at most 8), so
 * downloads, batching and callbacks always find connections; the wait for a turn must end well before the
 * request timeout does.
 */
@Startup
@ApplicationScoped
public class UploadCapacity {

    private static final Logger LOG = Logger.getLogger(UploadCapacity.class);

    @Inject
    UploadConfig config;

    @Inject
    HttpEdgeConfig http;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20")
    int poolSize;

    private UploadAdmission admission;
    private int concurrency;

    @PostConstruct
    void init() {
        concurrency = config.concurrency().orElse(Math.min(8, Math.max(1, poolSize / 2)));
        if (concurrency > poolSize) {
            throw new IllegalStateException("efgs.upload.concurrency (" + concurrency + ") must not exceed the "
                    + "connection pool (quarkus.datasource.jdbc.max-size = " + poolSize + ")");
        }
        if (config.queueTimeout().compareTo(http.requestTimeout()) >= 0) {
            throw new IllegalStateException("efgs.upload.queue-timeout (" + config.queueTimeout() + ") must be "
                    + "shorter than efgs.http.request-timeout (" + http.requestTimeout() + ")");
        }
        admission = new UploadAdmission(concurrency, config.queueSize(), config.queueTimeout());
        Gauge.builder("efgs.uploads.waiting", admission, UploadAdmission::waiting).register(metrics);
        Gauge.builder("efgs.uploads.active", admission, a -> a.active(concurrency)).register(metrics);
        LOG.infof("Uploads: %d processed at once, up to %d waiting at most %s", concurrency, config.queueSize(),
                config.queueTimeout());
    }

    UploadAdmission admission() {
        return admission;
    }
}
