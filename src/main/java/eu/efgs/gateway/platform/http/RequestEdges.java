package eu.efgs.gateway.platform.http;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.Problem;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;

/**
 * The first thing every API request meets: it gets a request id (response header and log context), HTTP/1.x
 * that proxies and servers could read differently is refused with 400 and the connection closed (RFC 9112:
 * exactly one Host, versions 1.0 and 1.1 only, never Content-Length together with Transfer-Encoding, chunked the
 * only transfer coding), and the connection is put under its {@link ConnectionGuard} if the TLS handshake did
 * not already do so.
 */
@ApplicationScoped
public class RequestEdges {

    public static final String REQUEST_ID = "X-Request-Id";
    /** Log context key of the request id (MDC). */
    public static final String MDC_KEY = "requestId";
    private static final AttributeKey<String> CHANNEL_REQUEST_ID = AttributeKey.valueOf("efgs.requestId");
    /** Runs before every other filter and route. */
    private static final int FIRST = Integer.MAX_VALUE - 10;

    @Inject
    HttpEdgeConfig limits;

    void register(@Observes Filters filters) {
        filters.register(this::handle, FIRST);
    }

    /** Vert.x Web refuses some request heads before any filter runs (no Host, a path not starting with /). */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::refusedByRouter);
    }

    private void refusedByRouter(RoutingContext context) {
        Optional<Refusal> refusal = refusal(context.request());
        if (context.response().ended() || (refusal.isEmpty() && context.statusCode() != 400
                && context.statusCode() != 404)) {
            context.next();
            return;
        }
        ErrorCode code = refusal.map(Refusal::code).orElse(context.statusCode() == 404 ? ErrorCode.NOT_FOUND
                : ErrorCode.BAD_REQUEST);
        if (!context.response().headers().contains(REQUEST_ID)) {
            context.response().putHeader(REQUEST_ID, newId());
        }
        refuse(context, code, refusal.map(Refusal::detail).orElse(code.title()));
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String id = newId();
        MDC.put(MDC_KEY, id);
        context.response().putHeader(REQUEST_ID, id);
        Optional<Channel> channel = channel(request);
        channel.ifPresent(c -> {
            c.attr(CHANNEL_REQUEST_ID).set(id);
            ConnectionGuard.install(c, limits, true, limits.headerTimeout());
        });
        Optional<Refusal> refusal = refusal(request);
        if (refusal.isPresent()) {
            refuse(context, refusal.get().code(), refusal.get().detail());
            return;
        }
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING) && !strictDecoder(channel)) {
            // This connection's parser may have dropped a Content-Length sent with it: answer, then close, so that
            // no bytes framed differently by a proxy in front can be read as another request (RFC 9112 §6.3).
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.next();
    }

    static String newId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** Answers with a problem body and closes the connection: what follows on it cannot be trusted. */
    private static void refuse(RoutingContext context, ErrorCode code, String detail) {
        context.response().setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Problem.json(code, detail));
    }

    /** Why a request head is refused. */
    record Refusal(ErrorCode code, String detail) {
    }

    /** Why this request head is refused, if it is. */
    static Optional<Refusal> refusal(HttpServerRequest request) {
        if (request.version() == null) {
            return Optional.of(new Refusal(ErrorCode.HTTP_VERSION_INVALID, "Only HTTP/1.0 and HTTP/1.1 are served"));
        }
        List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
        if (hosts.size() != 1 || hosts.get(0).isBlank()) {
            return Optional.of(new Refusal(ErrorCode.HTTP_HOST_INVALID, "Host must be sent exactly once"));
        }
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            if (request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                return Optional.of(new Refusal(ErrorCode.HTTP_FRAMING_CONFLICT,
                        "Content-Length and Transfer-Encoding must not be sent together"));
            }
            if (codings.size() != 1 || !codings.get(0).trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                return Optional.of(new Refusal(ErrorCode.HTTP_FRAMING_CONFLICT,
                        "Transfer-Encoding must be chunked, sent once"));
            }
        }
        return Optional.empty();
    }

    /** The request id of the request a connection is serving, for responses written below Vert.x. */
    static Optional<String> requestId(Channel channel) {
        return Optional.ofNullable(channel.attr(CHANNEL_REQUEST_ID).get());
    }

    private static Optional<Channel> channel(HttpServerRequest request) {
        // Vert.x hides the Netty channel of a request behind its connection implementation
        return request.connection() instanceof ConnectionBase connection
                ? Optional.of(connection.channel())
                : Optional.empty();
    }

    private static boolean strictDecoder(Optional<Channel> channel) {
        return channel.map(c -> c.pipeline().get("httpDecoder") instanceof StrictRequestDecoder).orElse(false);
    }
}
