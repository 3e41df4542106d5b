package eu.efgs.gateway.download;

import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/** Writes a {@link ReadyBody} as it is kept: one buffer handed to the connection, without a copy. */
@Provider
@Produces("*/*")
public class ReadyBodyWriter implements ServerMessageBodyWriter<ReadyBody> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
                               MediaType mediaType) {
        return ReadyBody.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(ReadyBody body, Type genericType, ServerRequestContext context) {
        if (context instanceof ResteasyReactiveRequestContext request) {
            // ending the Vert.x response commits the JAX-RS headers first (its headers-end hook)
            request.serverRequest().unwrap(HttpServerResponse.class).end(body.buffer());
        } else {
            context.serverResponse().end(body.buffer().getBytes());
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ReadyBody.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(ReadyBody body, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        body.content().getBytes(body.content().readerIndex(), out, body.size());
    }
}
