package eu.efgs.gateway.trust;

import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads PEM text that must hold exactly one X.509 certificate and nothing secret. */
public final class CertificatePem {

    private CertificatePem() {
    }

    /** What is wrong with a PEM text, if anything. */
    public enum Problem { NOT_A_CERTIFICATE, PRIVATE_KEY_PRESENT, MORE_THAN_ONE_CERTIFICATE }

    /** Thrown for PEM text that is not exactly one certificate. */
    public static final class PemException extends Exception {
        private final Problem problem;

        PemException(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Reads a PEM file that must hold exactly one certificate; problems are reported as IOExceptions. */
    public static X509Certificate read(java.nio.file.Path file) throws IOException {
        try {
            return parse(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (PemException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static X509Certificate parse(String pem) throws PemException {
        X509CertificateHolder found = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (isPrivateKey(object)) {
                    throw new PemException(Problem.PRIVATE_KEY_PRESENT,
                            "The file contains a private key; give only the certificate (and keep the key secret)");
                }
                if (object instanceof X509CertificateHolder holder) {
                    if (found != null) {
                        throw new PemException(Problem.MORE_THAN_ONE_CERTIFICATE,
                                "The file contains more than one certificate");
                    }
                    found = holder;
                } else {
                    throw new PemException(Problem.NOT_A_CERTIFICATE,
                            "Unexpected PEM object: " + object.getClass().getSimpleName());
                }
            }
            if (found == null) {
                throw new PemException(Problem.NOT_A_CERTIFICATE, "No PEM certificate found");
            }
            return new JcaX509CertificateConverter().getCertificate(found);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new PemException(Problem.NOT_A_CERTIFICATE, "Not a readable PEM certificate: " + e.getMessage());
        }
    }

    private static boolean isPrivateKey(Object object) {
        return object instanceof PEMKeyPair || object instanceof PrivateKeyInfo
                || object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo;
    }
}
