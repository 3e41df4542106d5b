package eu.efgs.gateway.trust;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.jboss.logging.Logger;

/** The operator's trust-anchor certificate. Loaded at start-up: a missing or unreadable anchor stops the gateway. */
@Startup
@Singleton
public class TrustAnchor {

    private static final Logger LOG = Logger.getLogger(TrustAnchor.class);

    @Inject
    TrustConfig config;

    @Inject
    Clock clock;

    private X509Certificate certificate;

    @PostConstruct
    void load() {
        certificate = read(config.anchorCertificate());
        LOG.infof("Trust anchor loaded: thumbprint=%s, algorithm=%s, valid until %s", Thumbprints.of(certificate),
                certificate.getSigAlgName(), certificate.getNotAfter().toInstant());
        if (certificate.getNotAfter().toInstant().isBefore(clock.instant())) {
            LOG.warn("The trust anchor certificate has expired; its seals still verify, but plan a new anchor");
        }
    }

    /** Reads the anchor, failing with a message that names the file and the setting. */
    static X509Certificate read(java.nio.file.Path path) {
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("Trust anchor certificate cannot be read from " + path.toAbsolutePath()
                    + " (efgs.trust.anchor-certificate): " + e.getMessage(), e);
        }
        try {
            return CertificatePem.parse(pem);
        } catch (CertificatePem.PemException e) {
            throw new IllegalStateException("Trust anchor file " + path.toAbsolutePath()
                    + " (efgs.trust.anchor-certificate) is not a single PEM certificate: " + e.getMessage(), e);
        }
    }

    public boolean verifies(String pem, String seal) {
        return Seals.verify(pem, seal, certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }
}
