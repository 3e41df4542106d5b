package eu.efgs.gateway.callback;

import eu.efgs.gateway.identity.Authenticated;
import eu.efgs.gateway.identity.CallerIdentity;
import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /diagnosiskeys/callback}: a country lists, creates or replaces ({@code PUT …/{id}?url=}) and deletes its
 * own subscriptions. Statuses as the original (200, 400 for a refused URL, 404 for another country's id), with
 * the URL checked against {@link CallbackUrlPolicy}.
 */
@Path("/diagnosiskeys/callback")
@Authenticated
public class CallbackResource {

    @Inject
    CallerIdentity caller;

    @Inject
    CallbackConfig config;

    @Inject
    Clock clock;

    @Inject
    CallbackOutbox outbox;

    /**
     * One subscription with its delivery health: {@code pending} batches not yet announced (the oldest created at
     * {@code oldestPending}), {@code consecutiveFailures} and, while failures last, the {@code nextAttempt} that
     * the backoff allows.
     */
    public record Subscription(String callbackId, String url, CallbackSubscription.State state, Instant lastSuccess,
                               String lastError, long pending, Instant oldestPending, int consecutiveFailures,
                               Instant nextAttempt, long sent, long failed, long skipped) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public List<Subscription> list() {
        Map<Long, CallbackOutbox.Health> health = outbox.healthOf(caller.country());
        return CallbackSubscription.ofCountry(caller.country()).stream().map(s -> {
            CallbackOutbox.Backlog pending = health.containsKey(s.id) ? health.get(s.id).backlog()
                    : CallbackOutbox.Backlog.NONE; // created after the figures were read
            return new Subscription(s.callbackId, s.url, s.state, s.lastSuccess, s.lastError, pending.pending(),
                    pending.oldest().orElse(null), s.consecutiveFailures,
                    s.consecutiveFailures > 0 ? s.nextAttemptAt : null, s.sentCount,
                    s.failedCount, s.skippedCount);
        }).toList();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    public Response put(@PathParam("id") String callbackId, @QueryParam("url") String url) {
        requireValidId(callbackId);
        CallbackUrlPolicy.Verdict verdict = CallbackUrlPolicy.of(config).check(url);
        if (!verdict.ok()) {
            throw new GatewayException(ErrorCode.CALLBACK_URL_INVALID,
                    "Callback URL is invalid (" + verdict.reason() + "): " + verdict.detail());
        }
        Instant now = clock.instant();
        CallbackSubscription subscription = CallbackSubscription.find(caller.country(), callbackId).orElseGet(() -> {
            CallbackSubscription created = new CallbackSubscription();
            created.country = caller.country();
            created.callbackId = callbackId;
            created.createdAt = now;
            return created;
        });
        subscription.url = url;
        subscription.updatedAt = now;
        // a PUT resumes a failing subscription at once; its kept tasks are delivered from the oldest on
        subscription.state = CallbackSubscription.State.ACTIVE;
        subscription.consecutiveFailures = 0;
        subscription.nextAttemptAt = null;
        subscription.persist();
        return Response.ok().build(); // 200 with an empty body, as the original (not 204)
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") String callbackId) {
        CallbackSubscription subscription = CallbackSubscription.find(caller.country(), callbackId)
                .orElseThrow(() -> new GatewayException(ErrorCode.CALLBACK_NOT_FOUND, null));
        subscription.delete();
        return Response.ok().build();
    }

    private static void requireValidId(String callbackId) {
        if (callbackId == null || !callbackId.matches("[\\x21-\\x7E]{1,32}")) {
            throw new GatewayException(ErrorCode.CALLBACK_ID_INVALID, null);
        }
    }
}
