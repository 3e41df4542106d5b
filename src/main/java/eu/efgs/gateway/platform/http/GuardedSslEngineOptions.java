package eu.efgs.gateway.platform.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK TLS engine with two additions. Every connection gets its {@link ConnectionGuard} and the
 * {@link StrictRequestDecoder} before its first request byte is decoded: Vert.x has no per-connection hook that
 * Quarkus leaves free; the TLS handshake is the one moment the gateway sees each connection first. And the engine's
 * record buffers come from Netty's pool: by default Vert.x gives the JDK engine a new heap array for every TLS record
 * it writes, which was 97 % of everything the gateway allocated while serving downloads over mutual TLS (600 MB/s
 * for JSON, measured with JFR) and is what grew its heap to several hundred MB during a download run.
 */
final class GuardedSslEngineOptions extends JdkSSLEngineOptions {

    private final HttpServerOptions server;
    private final HttpEdgeConfig limits;

    GuardedSslEngineOptions(HttpServerOptions server, HttpEdgeConfig limits) {
        this.server = server;
        this.limits = limits;
        setPooledHeapBuffers(true);
    }

    @Override
    public JdkSSLEngineOptions copy() {
        return new GuardedSslEngineOptions(server, limits);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new GuardedFactory(super.sslContextFactory());
    }

    private final class GuardedFactory implements SslContextFactory {
        private final SslContextFactory delegate;

        GuardedFactory(SslContextFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            delegate.useAlpn(useAlpn);
            return this;
        }

        @Override
        public SslContextFactory clientAuth(ClientAuth clientAuth) {
            delegate.clientAuth(clientAuth);
            return this;
        }

        @Override
        public SslContextFactory forClient(boolean forClient) {
            delegate.forClient(forClient);
            return this;
        }

        @Override
        public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
            delegate.keyMananagerFactory(kmf);
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
            delegate.trustManagerFactory(tmf);
            return this;
        }

        @Override
        public SslContextFactory enabledCipherSuites(Set<String> enabledCipherSuites) {
            delegate.enabledCipherSuites(enabledCipherSuites);
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
            delegate.applicationProtocols(applicationProtocols);
            return this;
        }

        @Override
        public SslContextFactory serverName(String serverName) {
            delegate.serverName(serverName);
            return this;
        }

        @Override
        public SslContext create() throws SSLException {
            SslContext context = delegate.create();
            return context.isClient() ? context : new GuardedContext(context);
        }
    }

    private final class GuardedContext extends DelegatingSslContext {

        GuardedContext(SslContext context) {
            super(context);
        }

        @Override
        protected void initEngine(SSLEngine engine) {
            // nothing to change on the engine itself
        }

        @Override
        protected void initHandler(SslHandler handler) {
            long accepted = System.nanoTime();
            handler.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    // Runs before Vert.x builds the HTTP pipeline behind the TLS handler; the hook finishes the
                    // job when the first decrypted bytes arrive, when that pipeline is complete.
                    Channel channel = (Channel) handshake.getNow();
                    String tls = channel.pipeline().context(handler).name();
                    channel.pipeline().addAfter(tls, FirstRead.NAME, new FirstRead(accepted));
                }
            });
        }
    }

    /** Installs the strict decoder and the guard just before the first request byte reaches the decoder. */
    private final class FirstRead extends ChannelInboundHandlerAdapter {
        static final String NAME = "efgs-first-read";
        private final long accepted;

        FirstRead(long accepted) {
            this.accepted = accepted;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            var pipeline = ctx.pipeline();
            if (pipeline.get("httpDecoder") != null) {
                pipeline.replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(server));
            }
            Duration left = limits.headerTimeout().minusNanos(System.nanoTime() - accepted);
            ConnectionGuard.install(ctx.channel(), limits, false, left.isNegative() ? Duration.ZERO : left);
            pipeline.remove(this);
            ctx.fireChannelRead(msg);
        }
    }
}
