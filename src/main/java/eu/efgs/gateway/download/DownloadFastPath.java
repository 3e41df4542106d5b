package eu.efgs.gateway.download;

import eu.efgs.gateway.identity.ClientAuthenticator;
import eu.efgs.gateway.identity.ClientIdentity;
import eu.efgs.gateway.platform.GatewayException;
import eu.efgs.gateway.platform.RequestHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The common download (no filter, no If-None-Match, an exact EFGS Accept header) of a batch whose answer is
 * already in memory, answered on the event loop: no worker thread, no database, one buffer written. Whatever it
 * cannot answer from memory alone, or would refuse, it passes on unchanged to {@link DownloadResource}, which
 * gives every other answer (and is where the rules live); both write the same headers ({@link DownloadHeaders}).
 */
@ApplicationScoped
public class DownloadFastPath {

    /** The Accept values national backends send, and the format each asks for (true: JSON). */
    private static final Map<String, Boolean> ACCEPTED = Map.of(
            "application/protobuf; version=1.0", false, "application/protobuf;version=1.0", false,
            "application/json; version=1.0", true, "application/json;version=1.0", true);
    /** After the request filters, before Quarkus REST. */
    private static final int ORDER = 1_000;

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    BatchResolver resolver;

    @Inject
    BatchRepository batches;

    @Inject
    DownloadService downloads;

    void register(@Observes Router router) {
        router.get("/diagnosiskeys/download/:date").order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext context) {
        Optional<Answer> answer;
        try {
            answer = answer(context.request(), context.pathParam("date"));
        } catch (GatewayException refused) {
            answer = Optional.empty();
        }
        if (answer.isEmpty()) {
            context.next();
            return;
        }
        Answer ready = answer.get();
        downloads.record(ready.batch(), ready.country(), ready.body().keyCount(), DownloadCounts.Answered.MEMORY);
        HttpServerResponse response = context.response();
        ready.headers().forEach(response::putHeader);
        response.end(ready.body().buffer());
    }

    private record Answer(DownloadBatch batch, String country, Map<String, String> headers, ReadyBody body) {
    }

    private Optional<Answer> answer(HttpServerRequest request, String dateText) {
        Boolean json = ACCEPTED.get(request.getHeader("Accept"));
        if (json == null || request.query() != null || request.headers().contains("If-None-Match")
                || request.headers().getAll("Accept").size() > 1) {
            return Optional.empty();
        }
        Optional<ClientIdentity> caller = authenticator.kept(request);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        LocalDate date = resolver.date(dateText);
        Optional<DownloadBatch> batch = resolver.kept(date, RequestHeaders.atMostOnce(request.headers()::getAll,
                "batchTag"));
        String country = caller.get().country();
        return batch.flatMap(found -> batches.keptBody(found, country, json).map(body -> new Answer(found, country,
                DownloadHeaders.of(found, country, json, DownloadService.Filter.NONE), body)));
    }
}
