package eu.efgs.gateway.identity;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Native mutual TLS: the HTTPS port requires a client certificate and proof of its private key, but accepts any
 * certificate at the TLS layer. Whether it is allowed is decided per request against the sealed registry, so
 * an unknown or revoked certificate gets the original's 403 instead of a bare handshake failure, and
 * self-signed as well as CA-issued national certificates work (the registry is the allow-list).
 */
@ApplicationScoped
public class ClientCertificateTls implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setClientAuth(ClientAuth.REQUIRED);
        options.setTrustOptions(TrustOptions.wrap(new RegistryDecidesTrustManager()));
    }

    /** Leaves the decision to the registry lookup after the handshake. */
    static final class RegistryDecidesTrustManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // accepted here; ClientAuthenticator checks the registry, seal, revocation and validity
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("Not used for server certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
