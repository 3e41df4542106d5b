package eu.efgs.gateway.platform;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The single place where failures become responses: problem JSON, never a stack trace. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper(priority = 1)
    public Response map(Throwable failure) {
        if (failure instanceof GatewayException g) {
            Response.ResponseBuilder response = problem(g.code(), g.getMessage(), g.extension());
            g.headers().forEach(response::header);
            return response.build();
        }
        if (failure instanceof WebApplicationException w) {
            return render(routingCode(w), null, null);
        }
        LOG.errorf(failure, "Unexpected failure: %s", failure.getClass().getName());
        return render(ErrorCode.INTERNAL_ERROR, null, null);
    }

    private static Response render(ErrorCode code, String detail, Object errors) {
        return problem(code, detail, errors).build();
    }

    private static Response.ResponseBuilder problem(ErrorCode code, String detail, Object errors) {
        return Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail == null ? code.title() : detail, errors));
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
