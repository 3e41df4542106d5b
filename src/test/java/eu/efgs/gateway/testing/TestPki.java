package eu.efgs.gateway.testing;

import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.Seals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * The suite's trust anchor and server certificate, generated once per build under {@code target/test-pki} and
 * shared through files (the test resource and the tests live in different class loaders).
 */
public final class TestPki {

    public static final Path DIR = Path.of("target", "test-pki").toAbsolutePath();
    public static final Path ANCHOR = DIR.resolve("ta.pem");
    public static final Path ANCHOR_KEY = DIR.resolve("ta.key");
    public static final Path SERVER = DIR.resolve("server.pem");
    public static final Path SERVER_KEY = DIR.resolve("server.key");
    /** An operator's client certificate (C=EU), configured to see every country's statistics. */
    public static final Path OPERATOR = DIR.resolve("operator.pem");
    public static final Path OPERATOR_KEY = DIR.resolve("operator.key");

    /** The gateway's own callback client certificate (quarkus.tls.callback). */
    public static final Path CALLBACK_CLIENT = DIR.resolve("callback-client.pem");
    public static final Path CALLBACK_CLIENT_KEY = DIR.resolve("callback-client.key");

    private TestPki() {
    }

    public static synchronized void ensure() {
        if (Files.exists(SERVER_KEY) && Files.exists(OPERATOR_KEY) && Files.exists(CALLBACK_CLIENT_KEY)) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            Pki.Credential anchor = Pki.selfSigned("C=EU,O=EFGS test,CN=Test trust anchor", Pki.KeyType.RSA_3072);
            Pki.Credential server = Pki.server();
            Pki.Credential operator = Pki.selfSigned("C=EU,O=EFGS operations,CN=operator", Pki.KeyType.EC_P256);
            Files.writeString(ANCHOR, anchor.pem());
            Files.writeString(ANCHOR_KEY, anchor.keyPem());
            Files.writeString(SERVER, server.pem());
            Files.writeString(OPERATOR_KEY, operator.keyPem());
            Files.writeString(OPERATOR, operator.pem());
            Files.writeString(SERVER_KEY, server.keyPem());
            Pki.Credential callbackClient = Pki.selfSigned("C=EU,O=EFGS test,CN=EFGS callback client",
                    Pki.KeyType.EC_P256);
            Files.writeString(CALLBACK_CLIENT, callbackClient.pem());
            Files.writeString(CALLBACK_CLIENT_KEY, callbackClient.keyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Pki.Credential operator() {
        try {
            ensure();
            return new Pki.Credential(CertificatePem.parse(Files.readString(OPERATOR)),
                    Seals.readPrivateKey(Files.readString(OPERATOR_KEY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificatePem.PemException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate the gateway presents to callback receivers. */
    public static X509Certificate callbackClient() {
        try {
            ensure();
            return CertificatePem.parse(Files.readString(CALLBACK_CLIENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificatePem.PemException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The anchor's seal over this exact PEM text. */
    public static String seal(String pem) {
        try {
            ensure();
            var anchor = CertificatePem.parse(Files.readString(ANCHOR));
            return Seals.seal(pem, Seals.readPrivateKey(Files.readString(ANCHOR_KEY)), anchor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificatePem.PemException e) {
            throw new IllegalStateException(e);
        }
    }
}
