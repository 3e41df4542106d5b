package eu.efgs.gateway.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/** The operator's trust-anchor certificate; without a readable one neither the gateway nor its commands run. */
public final class TrustAnchor {

    private final X509Certificate certificate;

    private TrustAnchor(X509Certificate certificate) {
        this.certificate = certificate;
    }

    /** Reads the anchor, failing with a message that names the file and the setting. */
    public static TrustAnchor load(Path path) {
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("Trust anchor certificate cannot be read from " + path.toAbsolutePath()
                    + " (efgs.trust.anchor-certificate): " + e.getMessage(), e);
        }
        try {
            return new TrustAnchor(CertificatePem.parse(pem));
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
