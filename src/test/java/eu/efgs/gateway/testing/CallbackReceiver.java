package eu.efgs.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import eu.efgs.gateway.trust.Thumbprints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A national backend's callback receiver for tests: a real HTTPS server with its own certificate that requires a
 * client certificate (only the gateway's callback client certificate is trusted), records every request that
 * reaches it and answers with scripted status codes (then 200). It can be stopped and started on the same port.
 */
public final class CallbackReceiver implements AutoCloseable {

    /** One request that reached the receiver. */
    public record Request(String path, Map<String, String> query, String userAgent, String clientThumbprint) {
        public String batchTag() {
            return query.get("batchTag");
        }
    }

    private final Pki.Credential credential;
    private final X509Certificate trustedClient;
    private final InetAddress bind;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
    private volatile long delayMillis;
    private volatile Consumer<Request> afterAnswer = request -> { };
    private int port;
    private HttpsServer server;
    private ExecutorService executor;

    private CallbackReceiver(Pki.Credential credential, X509Certificate trustedClient, InetAddress bind) {
        this.credential = credential;
        this.trustedClient = trustedClient;
        this.bind = bind;
    }

    /** Starts on a free port of {@code bind} (e.g. 127.0.0.1). */
    public static CallbackReceiver start(Pki.Credential credential, X509Certificate trustedClient, String bind) {
        try {
            CallbackReceiver receiver = new CallbackReceiver(credential, trustedClient, InetAddress.getByName(bind));
            receiver.listen(0);
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Answers the next requests with these statuses, then 200 again. */
    public CallbackReceiver answer(Integer... next) {
        statuses.addAll(List.of(next));
        return this;
    }

    /** Called with each request once it is answered (as a national backend downloads what it is told about). */
    public CallbackReceiver afterAnswer(Consumer<Request> listener) {
        afterAnswer = listener;
        return this;
    }

    /** Each answer waits this long (to let concurrent senders overlap). */
    public CallbackReceiver delay(long millis) {
        delayMillis = millis;
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<String> batchTags() {
        return requests().stream().map(Request::batchTag).toList();
    }

    /** Closes the port: connections are refused until {@link #restart()}. */
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    /** Listens again on the same port. */
    public void restart() {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                listen(port);
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new UncheckedIOException("Cannot listen on port " + port + " again", last);
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }

    private void listen(int wanted) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(bind, wanted), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext()) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true); // the gateway must present its callback client certificate
                parameters.setSSLParameters(ssl);
            }
        });
        https.createContext("/", this::handle);
        executor = Executors.newFixedThreadPool(4);
        https.setExecutor(executor);
        https.start();
        server = https;
        port = https.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            X509Certificate client = (X509Certificate) ((HttpsExchange) exchange).getSSLSession()
                    .getPeerCertificates()[0];
            Request request = new Request(exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders().getFirst("User-Agent"),
                    Thumbprints.of(client));
            requests.add(request);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            if (status == null || status / 100 == 2) {
                afterAnswer.accept(request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private SSLContext sslContext() {
        try {
            char[] password = "receiver".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("receiver", credential.key(), password, new Certificate[] {credential.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("gateway", trustedClient);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set up the receiver's TLS", e);
        }
    }
}
