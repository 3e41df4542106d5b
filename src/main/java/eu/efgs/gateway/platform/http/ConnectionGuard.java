package eu.efgs.gateway.platform.http;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The time limits of {@link HttpEdgeConfig} on one HTTP/1.1 connection. It sits between the HTTP codec and
 * Vert.x, so it sees each request's head, its last body chunk, and the response going out: headers must be
 * complete within the header timeout (counted from the connection's start or the previous response), the body
 * within the body timeout, and the response must start within the request timeout. Vert.x offers idle timeouts
 * only, which a client trickling one byte at a time never trips, and which cannot tell a slow client from a
 * request the gateway is still working on.
 */
final class ConnectionGuard extends ChannelDuplexHandler {

    static final String NAME = "efgs-connection-guard";
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);

    private final HttpEdgeConfig limits;
    private ScheduledFuture<?> headerTimer;
    private ScheduledFuture<?> bodyTimer;
    private ScheduledFuture<?> responseTimer;
    private boolean bodyComplete = true;
    private boolean responseComplete = true;
    private boolean responseStarted;
    private boolean rejecting;

    private ConnectionGuard(HttpEdgeConfig limits) {
        this.limits = limits;
    }

    /**
     * Guards {@code channel} from now on. {@code inRequest} tells that a request's head already went past (the
     * guard is installed while Vert.x handles it); otherwise the connection is waiting for headers, and
     * {@code headerDeadline} (from the connection's start) bounds that wait.
     */
    static void install(Channel channel, HttpEdgeConfig limits, boolean inRequest, Duration headerDeadline) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) != null || pipeline.get("handler") == null) {
            return;
        }
        if (pipeline.get("idle") != null) {
            pipeline.remove("idle"); // the connection's write-idle limit stood in for the header timeout until now
        }
        ConnectionGuard guard = new ConnectionGuard(limits);
        pipeline.addBefore("handler", NAME, guard);
        ChannelHandlerContext ctx = pipeline.context(guard);
        if (inRequest) {
            guard.requestStarted(ctx);
        } else {
            guard.awaitHeaders(ctx, headerDeadline);
        }
    }

    static boolean installed(Channel channel) {
        return channel.pipeline().get(NAME) != null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejecting) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            if (StrictRequestDecoder.framingConflict(request)) {
                ReferenceCountUtil.release(msg);
                rejecting = true;
                reject(ctx, HttpResponseStatus.BAD_REQUEST, ErrorCode.HTTP_FRAMING_CONFLICT, null);
                return;
            }
            requestStarted(ctx);
        }
        if (msg instanceof LastHttpContent) {
            bodyComplete = true;
            cancel(bodyTimer);
            if (responseComplete) {
                awaitHeaders(ctx, limits.headerTimeout());
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (msg instanceof HttpResponse && !informational) {
            responseStarted = true;
            cancel(responseTimer);
        }
        if (msg instanceof LastHttpContent && !informational) {
            ChannelPromise tracked = promise.unvoid();
            tracked.addListener(done -> {
                responseComplete = true;
                if (bodyComplete && ctx.channel().isActive()) {
                    awaitHeaders(ctx, limits.headerTimeout());
                }
            });
            ctx.write(msg, tracked);
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelAll();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelAll();
        ctx.fireChannelInactive();
    }

    private void requestStarted(ChannelHandlerContext ctx) {
        cancelAll();
        bodyComplete = false;
        responseComplete = false;
        responseStarted = false;
        bodyTimer = schedule(ctx, limits.bodyTimeout(), () -> {
            LOG.debugf("Request body not complete within %s; closing the connection", limits.bodyTimeout());
            reject(ctx, HttpResponseStatus.REQUEST_TIMEOUT, ErrorCode.REQUEST_BODY_TIMEOUT, null);
        });
        responseTimer = schedule(ctx, limits.requestTimeout(), () -> {
            LOG.infof("No response within %s; answering 503 and closing the connection", limits.requestTimeout());
            reject(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCode.REQUEST_TIMEOUT, limits.retryAfter());
        });
    }

    private void awaitHeaders(ChannelHandlerContext ctx, Duration within) {
        cancelAll();
        headerTimer = schedule(ctx, within, () -> {
            LOG.debugf("No complete request head within %s; closing the connection", within);
            ctx.close();
        });
    }

    /** Answers with a problem body (unless a response is already under way) and closes the connection. */
    private void reject(ChannelHandlerContext ctx, HttpResponseStatus status, ErrorCode code, Duration retryAfter) {
        cancelAll();
        if (responseStarted || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        responseStarted = true;
        byte[] body = Problem.json(code, null).getBytes(StandardCharsets.UTF_8);
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close");
        response.headers().set(RequestEdges.REQUEST_ID, RequestEdges.requestId(ctx.channel())
                .orElseGet(RequestEdges::newId)); // refused before Vert.x saw the request: an id of its own
        if (retryAfter != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter.toSeconds());
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static ScheduledFuture<?> schedule(ChannelHandlerContext ctx, Duration delay, Runnable action) {
        return ctx.executor().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelAll() {
        cancel(headerTimer);
        cancel(bodyTimer);
        cancel(responseTimer);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
