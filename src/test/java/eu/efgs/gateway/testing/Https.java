package eu.efgs.gateway.testing;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the gateway under test over real sockets: mutual TLS with a given certificate, or plain HTTP. */
public final class Https {

    private static final char[] PASSWORD = "test".toCharArray();

    private Https() {
    }

    public static int httpsPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-ssl-port", Integer.class).orElse(8444);
    }

    public static int httpPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
    }

    public static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
    }

    /** HTTPS presenting {@code client} in the handshake. */
    public static RequestSpecification as(Pki.Credential client) {
        SSLContext context = context(client);
        @SuppressWarnings("deprecation")
        var factory = new org.apache.http.conn.ssl.SSLSocketFactory(context,
                org.apache.http.conn.ssl.SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER);
        return given().baseUri("https://localhost").port(httpsPort())
                .config(RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().sslSocketFactory(factory)));
    }

    /** Plain HTTP from a chosen loopback address (e.g. a trusted proxy 127.0.0.2, or an untrusted 127.0.0.1). */
    @SuppressWarnings("deprecation")
    public static RequestSpecification plainFrom(String localAddress) {
        try {
            InetAddress local = InetAddress.getByName(localAddress);
            return given().baseUri("http://127.0.0.1").port(httpPort())
                    .config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                            .setParam(org.apache.http.conn.params.ConnRoutePNames.LOCAL_ADDRESS, local)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An SSL context that presents {@code client} (or nothing when null) and trusts the test server. */
    public static SSLContext context(Pki.Credential client) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            if (client != null) {
                store.setKeyEntry("client", client.key(), PASSWORD, new Certificate[] {client.certificate()});
            }
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(client == null ? null : keys.getKeyManagers(), new TrustManager[] {new TrustTestServer()},
                    null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust manager that accepts the test server (the client side is what tests examine). */
    public static X509TrustManager trustAnyServer() {
        return new TrustTestServer();
    }

    /** The test server's certificate is generated per build; trust any server here, the client is under test. */
    private static final class TrustTestServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
