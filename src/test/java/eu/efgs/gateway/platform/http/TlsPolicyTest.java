package eu.efgs.gateway.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTPS port's TLS policy, seen from a real client: AEAD suites only, no renegotiation, no SHA-1 asked for. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class TlsPolicyTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    MeterRegistry metrics;

    private Pki.Credential de;

    @BeforeEach
    void onboard() {
        de = Countries.onboarded(onboarding, "DE", CertificateType.AUTHENTICATION);
    }

    @Test
    void tlsRecordsAreWrittenFromNettysPooledHeapBuffersNotFromANewArrayEach() {
        Https.as(de).get("/diagnosiskeys/identity").then().statusCode(200);
        // without pooling, the JDK engine's records come from an unpooled allocator and this pool's heap stays empty
        assertTrue(pooledHeapBytes() > 0, "the records of the answer came from the pooled heap buffers");
    }

    private double pooledHeapBytes() {
        return metrics.find("netty.allocator.memory.used").tag("memory.type", "heap")
                .tag("allocator.type", "PooledByteBufAllocator").gauges().stream().mapToDouble(Gauge::value).sum();
    }

    @Test
    void cbcSuitesAreNotOffered() {
        assertThrows(SSLException.class, () -> {
            try (SSLSocket socket = socket(Https.context(de), "TLSv1.2")) {
                socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256"});
                socket.startHandshake();
            }
        });
    }

    @Test
    void tls12WithAnAeadSuiteWorks() throws IOException {
        try (SSLSocket socket = socket(Https.context(de), "TLSv1.2")) {
            socket.startHandshake();
            assertTrue(socket.getSession().getCipherSuite().startsWith("TLS_ECDHE_"));
            assertTrue(socket.getSession().getCipherSuite().contains("_GCM_")
                    || socket.getSession().getCipherSuite().contains("CHACHA20"));
        }
    }

    @Test
    void tls13IsOffered() throws IOException {
        try (SSLSocket socket = socket(Https.context(de), "TLSv1.3")) {
            socket.startHandshake();
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        }
    }

    @Test
    void aClientStartedRenegotiationIsRefused() throws IOException {
        try (SSLSocket socket = socket(Https.context(de), "TLSv1.2")) {
            socket.startHandshake();
            assertThrows(IOException.class, () -> {
                socket.startHandshake(); // asks for a renegotiation
                socket.getOutputStream().write("GET /diagnosiskeys/identity HTTP/1.1\r\nHost: a\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            });
        }
    }

    @Test
    void theServerAsksForNoSha1SignedClientCertificate() throws Exception {
        List<String> requested = new ArrayList<>();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new X509KeyManager[] {new Recording(de, requested)},
                new javax.net.ssl.TrustManager[] {Https.trustAnyServer()}, null);
        try (SSLSocket socket = socket(context, "TLSv1.2")) {
            socket.startHandshake();
        }
        assertFalse(requested.isEmpty(), "the server asked for a client certificate");
        assertTrue(requested.stream().noneMatch(algorithm -> algorithm.toUpperCase().contains("SHA1")), requested
                .toString());
    }

    private static SSLSocket socket(SSLContext context, String protocol) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", Https.httpsPort());
        socket.setEnabledProtocols(new String[] {protocol});
        return socket;
    }

    /** Presents {@code credential} and records the signature algorithms the server listed in its request. */
    private static final class Recording extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private final List<String> requested;

        Recording(Pki.Credential credential, List<String> requested) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", credential.key(), new char[0], new Certificate[] {credential.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            this.delegate = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
            this.requested = requested;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof ExtendedSSLSession session) {
                requested.addAll(List.of(session.getPeerSupportedSignatureAlgorithms()));
            }
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
