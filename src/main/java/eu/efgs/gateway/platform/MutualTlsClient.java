package eu.efgs.gateway.platform;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An HTTP client presenting a national backend's certificate, trusting the given server CA (or the JDK's). */
public final class MutualTlsClient {

    private MutualTlsClient() {
    }

    public static java.net.http.HttpClient create(X509Certificate certificate, PrivateKey key,
                                                  Optional<X509Certificate> serverCa) {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key, password, new Certificate[] {certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            if (serverCa.isPresent()) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                trusted.setCertificateEntry("server", serverCa.get());
                trustManagers.init(trusted);
            } else {
                trustManagers.init((KeyStore) null);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            // HTTP/1.1: one client is one connection (HTTP/2 would multiplex every request over one).
            return java.net.http.HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10))
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot set up mutual TLS: " + e.getMessage(), e);
        }
    }
}
