package eu.efgs.gateway.platform.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Server options for the API ports: HTTP/1.1 only (no cleartext HTTP/2 upgrade or prior knowledge; the EFGS
 * protocol is HTTP/1.1), and until a connection's {@link ConnectionGuard} takes over, a write-idle limit equal to
 * the header timeout: a server that has written nothing for that long is still waiting for a request head. On
 * HTTPS the guard takes over at the TLS handshake.
 */
@ApplicationScoped
public class HttpEdgeCustomizer implements HttpServerOptionsCustomizer {

    @Inject
    HttpEdgeConfig limits;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
        limitUnguardedWait(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        limitUnguardedWait(options);
        options.setSslEngineOptions(new GuardedSslEngineOptions(options, limits));
    }

    private void limitUnguardedWait(HttpServerOptions options) {
        options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(0)
                .setReadIdleTimeout(0)
                .setWriteIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.headerTimeout().toMillis()));
    }
}
