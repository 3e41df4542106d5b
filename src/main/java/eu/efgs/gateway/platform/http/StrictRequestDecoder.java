package eu.efgs.gateway.platform.http;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's request decoder, except that a request with both Content-Length and Transfer-Encoding is marked for
 * refusal instead of silently losing its Content-Length (Netty's default). Such a request is how requests are
 * smuggled past a proxy that frames by the other header (RFC 9112 §6.3); {@link ConnectionGuard} answers it 400
 * and closes the connection.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    private static final String CONFLICT = "x-efgs-internal-framing-conflict";

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        super.handleTransferEncodingChunkedWithContentLength(message);
        message.headers().set(CONFLICT, "1");
    }

    static boolean framingConflict(HttpRequest request) {
        return request.headers().contains(CONFLICT);
    }
}
