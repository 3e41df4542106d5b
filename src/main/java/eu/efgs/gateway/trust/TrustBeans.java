package eu.efgs.gateway.trust;

import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.platform.database.Transactions;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/** The registry's plain parts, as the gateway's beans (the operator commands build them without CDI). */
public class TrustBeans {

    private static final Logger LOG = Logger.getLogger(TrustBeans.class);

    @Produces
    @Singleton
    TrustAnchor anchor(TrustConfig config, Clock clock) {
        TrustAnchor anchor;
        try {
            anchor = TrustAnchor.load(config.anchorCertificate());
        } catch (IllegalStateException e) {
            // a configuration mistake, not a bug: Quarkus prints the message alone when this exception is the root
            // cause, so the cause is not chained (its message is part of this one)
            throw new ConfigurationException(e.getMessage() + " (efgs.trust.anchor-certificate)",
                    java.util.Set.of("efgs.trust.anchor-certificate"));
        }
        LOG.infof("Trust anchor loaded: thumbprint=%s, algorithm=%s, valid until %s",
                Thumbprints.of(anchor.certificate()), anchor.certificate().getSigAlgName(),
                anchor.certificate().getNotAfter().toInstant());
        if (anchor.certificate().getNotAfter().toInstant().isBefore(clock.instant())) {
            LOG.warn("The trust anchor certificate has expired; its seals still verify, but plan a new anchor");
        }
        return anchor;
    }

    @Produces
    @Singleton
    CertificateStore store(Transactions transactions) {
        return new CertificateStore(transactions);
    }

    @Produces
    @Singleton
    RecordSeal recordSeal(PayloadCipher cipher) {
        return new RecordSeal(cipher.currentKeyId(), cipher.secretKeys());
    }

    @Produces
    @Singleton
    CertificateLifecycle lifecycle(TrustAnchor anchor, TrustConfig config, CertificateStore store,
                                   RecordSeal recordSeal, Clock clock) {
        return new CertificateLifecycle(anchor, new KeyStrength(config.minRsaKeyBits(), config.minEcKeyBits()), store,
                recordSeal, clock);
    }

    @Produces
    @Singleton
    RegistryReport report(CertificateStore store, TrustAnchor anchor, RecordSeal recordSeal) {
        return new RegistryReport(store, anchor, recordSeal);
    }

    /** Without a readable trust anchor the gateway does not start; rows older than record seals get theirs. */
    void start(@Observes @Priority(eu.efgs.gateway.platform.database.DatabaseMigration.PRIORITY + 5) StartupEvent event,
               TrustAnchor anchor, CertificateLifecycle lifecycle) {
        lifecycle.sealUnsealedRows();
    }
}
