package eu.efgs.gateway.platform;

import eu.efgs.gateway.platform.database.DatabaseStatus;
import eu.efgs.gateway.platform.http.RetryAfter;
import io.vertx.core.http.HttpClosedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * The single place where failures become responses: problem JSON, never a stack trace. An unreachable or
 * saturated database is a 503 with Retry-After (its outage is logged once, by {@link DatabaseStatus}); a client
 * that went away mid-request or broke its body's framing is no error of the gateway's; only what is left is
 * logged as ERROR.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Inject
    DatabaseStatus database;

    @Inject
    RetryAfter retryAfter;

    @ServerExceptionMapper(priority = 1)
    public Response map(Throwable failure) {
        if (failure instanceof GatewayException g) {
            Response.ResponseBuilder response = problem(g.code(), g.getMessage(), g.extension());
            g.headers().forEach(response::header);
            return response.build();
        }
        if (failure instanceof WebApplicationException w) {
            return problem(routingCode(w), null, null).build();
        }
        if (database.absorb(failure)) {
            return problem(ErrorCode.DATABASE_UNAVAILABLE, null, null).build();
        }
        if (clientGone(failure)) {
            LOG.debugf("Client closed the connection mid-request: %s", failure);
            return problem(ErrorCode.BAD_REQUEST, "The connection was closed by the client", null).build();
        }
        if (bodyUnreadable(failure)) {
            LOG.debugf("Request body could not be read: %s", failure);
            return problem(ErrorCode.BAD_REQUEST, "The request body could not be read (broken framing)", null).build();
        }
        LOG.errorf(failure, "Unexpected failure: %s", failure.getClass().getName());
        return problem(ErrorCode.INTERNAL_ERROR, null, null).build();
    }

    private Response.ResponseBuilder problem(ErrorCode code, String detail, Object errors) {
        Response.ResponseBuilder response = Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail == null ? code.title() : detail, errors));
        if (code.status() == 503) {
            response.header("Retry-After", retryAfter.seconds());
        }
        return response;
    }

    /** Reading the request body failed because the connection is gone (client abort, broken chunking). */
    private static boolean clientGone(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof ClosedChannelException
                || cause instanceof HttpClosedException);
    }

    /**
     * Reading the request body failed on the client's side of the stream: Vert.x reports a malformed chunk (or other
     * broken framing) to the blocked reader as an IOException thrown by the request's input stream.
     */
    private static boolean bodyUnreadable(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof IOException && cause.getStackTrace().length > 0
                && cause.getStackTrace()[0].getClassName().startsWith(VertxInputStream.class.getName()));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ErrorCode routingCode(WebApplicationException failure) {
        if (failure instanceof NotFoundException) {
            return ErrorCode.NOT_FOUND;
        }
        if (failure instanceof NotAllowedException) {
            return ErrorCode.METHOD_NOT_ALLOWED;
        }
        if (failure instanceof NotAcceptableException) {
            return ErrorCode.NOT_ACCEPTABLE;
        }
        if (failure instanceof NotSupportedException) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        }
        int status = failure.getResponse() == null ? 500 : failure.getResponse().getStatus();
        return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
    }
}
