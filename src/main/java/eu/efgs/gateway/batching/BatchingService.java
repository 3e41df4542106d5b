package eu.efgs.gateway.batching;

import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.platform.database.ChangeWatch;
import eu.efgs.gateway.platform.database.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The gateway's batching: {@link BatchMaker} with the gateway's database, announcements, metrics and log. */
@ApplicationScoped
public class BatchingService {

    private static final Logger LOG = Logger.getLogger(BatchingService.class);

    @Inject
    Transactions transactions;

    @Inject
    PayloadCipher cipher;

    @Inject
    BatchingConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    ChangeWatch watch;

    @Inject
    @All
    List<BatchAnnouncements> announcements;

    private BatchMaker maker;

    @PostConstruct
    void init() {
        maker = new BatchMaker(transactions, cipher, config.docLimit(), clock, announcements);
    }

    /** Creates batches until nothing is pending or the time limit is reached; returns what it created. */
    public List<BatchMaker.CreatedBatch> run() {
        List<BatchMaker.CreatedBatch> created = maker.run(config.timeLimit());
        if (!created.isEmpty()) {
            watch.refresh();
        }
        created.forEach(this::created);
        return created;
    }

    public Optional<BatchMaker.CreatedBatch> createNextBatch() {
        Optional<BatchMaker.CreatedBatch> created = maker.createNext();
        if (created.isPresent()) {
            watch.refresh();
        }
        created.ifPresent(this::created);
        return created;
    }

    private void created(BatchMaker.CreatedBatch batch) {
        metrics.counter("efgs.batches.created").increment();
        LOG.infof("Download batch %s created: %d uploads, %d keys", batch.batchTag(), batch.uploads(), batch.keys());
    }
}
