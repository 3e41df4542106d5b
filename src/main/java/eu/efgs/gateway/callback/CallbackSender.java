package eu.efgs.gateway.callback;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.X509TrustManager;

/**
 * Sends one callback: {@code GET <url>?batchTag=<tag>&date=<yyyy-MM-dd>} with the original's User-Agent, over mutual
 * TLS with the gateway's callback client key (a named TLS configuration), to the addresses the URL policy checked
 * (never resolved again, so DNS rebinding has no window), with SNI and host-name verification for the URL's host.
 */
@ApplicationScoped
public class CallbackSender {

    static final String USER_AGENT = "EFGS Callback Engine";

    @Inject
    Vertx vertx;

    @Inject
    TlsConfigurationRegistry tlsConfigurations;

    @Inject
    CallbackConfig config;

    /** What one attempt gave: delivered (2xx) or a reason for the subscription's health. */
    public record Attempt(boolean delivered, String detail) {
        static Attempt failed(String detail) {
            return new Attempt(false, detail);
        }
    }

    /** The gateway's own callback client key and certificate, if configured. */
    public Optional<KeyCertOptions> clientKey() {
        return tlsConfigurations.get(config.tlsConfiguration()).map(TlsConfiguration::getKeyStoreOptions);
    }

    public Attempt send(URI url, List<InetAddress> addresses, X509TrustManager receiver, String batchTag,
                        LocalDate date) {
        Optional<KeyCertOptions> key = clientKey();
        if (key.isEmpty()) {
            return Attempt.failed("no callback client certificate (quarkus.tls." + config.tlsConfiguration() + ")");
        }
        int timeout = (int) config.timeout().toMillis();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
                .setForceSni(true).setKeyCertOptions(key.get()).setTrustOptions(TrustOptions.wrap(receiver))
                .setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(false).setConnectTimeout(timeout));
        // one budget for the whole attempt, however many addresses: the lease (>= 3 x timeout) must outlast it
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2L * timeout);
        try {
            String unreachable = "no address";
            for (InetAddress address : addresses) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    int status = get(client, request(url, address, batchTag, date, timeout), left);
                    return status / 100 == 2 ? new Attempt(true, "HTTP " + status) : Attempt.failed("HTTP " + status);
                } catch (ConnectException e) {
                    unreachable = describe(e); // only a refused or timed-out connection moves on to the next address
                }
            }
            return Attempt.failed(unreachable);
        } catch (Exception e) {
            return Attempt.failed(describe(e));
        } finally {
            client.close();
        }
    }

    private static RequestOptions request(URI url, InetAddress address, String batchTag, LocalDate date,
                                          int timeout) {
        int port = url.getPort() == -1 ? 443 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return new RequestOptions().setMethod(HttpMethod.GET).setSsl(true)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(url.getHost().replaceAll("^\\[|]$", "")).setPort(port)
                .setURI(path + "?batchTag=" + URLEncoder.encode(batchTag, StandardCharsets.UTF_8) + "&date=" + date)
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
                .setConnectTimeout(timeout).setIdleTimeout(timeout);
    }

    /** The status line only; the body is never read (closing the client closes the connection). */
    private static int get(HttpClient client, RequestOptions request, long budgetMillis) throws Exception {
        try {
            return client.request(request).compose(HttpClientRequest::send).map(HttpClientResponse::statusCode)
                    .toCompletionStage().toCompletableFuture().get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + budgetMillis + " ms");
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }
}
